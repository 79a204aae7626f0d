"use client";

import { useWatch } from "react-hook-form";
import { toast } from "@/components/ui/toasts";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { buildCurlCommand } from "@/lib/userpilot/curl";
import { USERPILOT_PATHS, userpilotUrl } from "@/lib/userpilot/protocol";
import { buildCompanyPayload, buildIdentifyPayload } from "@/lib/identify/payload";
import { emptyFormValues } from "@/lib/identify/form-values";
import type { Identifies, IdentifyFormValues } from "@/lib/identify/schema";

export function RequestPreview({ baseUrl, identifies }: { baseUrl: string; identifies: Identifies }) {
  const values = { ...emptyFormValues(), ...(useWatch<IdentifyFormValues>() as IdentifyFormValues | undefined) };
  const payload = identifies === "company" ? buildCompanyPayload(values) : buildIdentifyPayload(values);
  const path = identifies === "company" ? USERPILOT_PATHS.identifyCompany : USERPILOT_PATHS.identifyUser;
  const json = JSON.stringify(payload, null, 2);

  async function copyCurl() {
    try {
      await navigator.clipboard.writeText(buildCurlCommand(baseUrl, payload, path));
      toast.success("cURL command copied. Set USERPILOT_API_KEY in your shell before running it.");
    } catch {
      toast.error("The browser did not allow copying to the clipboard.");
    }
  }

  return (
    <Card
      title="Request preview"
      actions={
        <Button type="button" variant="secondary" onClick={copyCurl} className="py-1 text-xs">
          Copy as cURL
        </Button>
      }
    >
      <p className="mb-2 text-xs text-slate-500">
        <span className="font-mono">POST {userpilotUrl(baseUrl, path)}</span>
      </p>
      <pre
        aria-label="JSON body"
        tabIndex={0}
        data-testid="json-preview"
        className="max-h-[28rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
      >
        {json}
      </pre>
    </Card>
  );
}
