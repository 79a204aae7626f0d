"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { IdentifyForm, type ServerFieldError } from "@/components/identify/identify-form";
import { OutcomePanel, type PanelState } from "@/components/identify/outcome-panel";
import { postIdentify } from "@/lib/api/send-identify-request";
import type { IdentifyFormValues } from "@/lib/identify/schema";

export function IdentifyClient({ defaultValues, baseUrl }: { defaultValues: IdentifyFormValues; baseUrl: string }) {
  const [panel, setPanel] = useState<PanelState>({ kind: "idle" });
  const [serverFieldErrors, setServerFieldErrors] = useState<ServerFieldError[]>([]);

  const send = useMutation({
    mutationFn: (values: IdentifyFormValues) => postIdentify(values),
    onMutate: () => {
      setPanel({ kind: "sending" });
      setServerFieldErrors([]);
    },
    onSuccess: (result) => {
      if (result.ok) {
        setPanel({ kind: "outcome", outcome: result.outcome });
        setServerFieldErrors(result.outcome.fieldErrors);
      } else {
        setPanel({ kind: "error", message: result.message });
        setServerFieldErrors(result.fields.map((field) => ({ field: field.path, message: field.message })));
      }
    },
  });

  return (
    <IdentifyForm
      defaultValues={defaultValues}
      baseUrl={baseUrl}
      sending={send.isPending}
      serverFieldErrors={serverFieldErrors}
      onSubmit={(values) => send.mutate(values)}
      outcome={<OutcomePanel state={panel} />}
    />
  );
}
