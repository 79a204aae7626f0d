import type { Metadata } from "next";
import { resolveTarget } from "@/lib/env";
import { emptyFormValues } from "@/lib/identify/schema";
import { IdentifyClient } from "./identify-client";

export const metadata: Metadata = { title: "Identify" };

export default async function IdentifyPage() {
  const target = resolveTarget();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Identify a user</h1>
        <p className="mt-1 text-sm text-slate-600">
          Create or update a Userpilot user profile. Properties merge into the profile; a property set to
          Remove is deleted.
        </p>
      </div>
      <IdentifyClient defaultValues={emptyFormValues()} baseUrl={target.baseUrl} />
    </div>
  );
}
