"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { EnvironmentForm } from "@/components/environments/environment-form";
import { EnvironmentsTable } from "@/components/environments/environments-table";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toasts";
import { requestJson } from "@/lib/browser/request-json";
import type { EnvironmentSummary } from "@/lib/environments/types";

const serverAnswered = (status: number) => `The server answered ${status}.`;
// A check that answered without words shows nothing, as before.
const checkSchema = z.object({ message: z.string() }).catch({ message: "" });

export function EnvironmentsClient({ initial }: { initial: EnvironmentSummary[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EnvironmentSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [checks, setChecks] = useState<Record<string, string>>({});

  async function act(path: string, method: "POST" | "PATCH" | "DELETE", success: string, body?: unknown) {
    const result = await requestJson(path, z.unknown(), { method, body, unexpected: serverAnswered });
    if (result.ok) {
      toast.success(success);
      router.refresh();
    } else toast.error(result.message);
    return result;
  }

  async function test(entry: EnvironmentSummary) {
    setChecks((current) => ({ ...current, [entry.id]: "Checking…" }));
    const result = await requestJson(`/api/environments/${entry.id}/test`, checkSchema, {
      method: "POST",
      unexpected: serverAnswered,
    });
    setChecks((current) => ({ ...current, [entry.id]: result.ok ? result.data.message : result.message }));
  }

  async function remove(entry: EnvironmentSummary) {
    setBusy(true);
    await act(`/api/environments/${entry.id}`, "DELETE", `${entry.name} removed`);
    setBusy(false);
    setRemoving(null);
  }

  return (
    <div className="space-y-6">
      <EnvironmentsTable
        environments={initial}
        checks={checks}
        onTest={(entry) => void test(entry)}
        onMakeDefault={(entry) => void act(`/api/environments/${entry.id}/default`, "POST", `${entry.name} is now the default`)}
        onEdit={(entry) => setEditing(entry.id)}
        onRemove={setRemoving}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? "this environment"} and its stored key?`}
        confirmLabel="Remove environment"
        tone="danger"
        busy={busy}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      >
        <p>Sends can no longer choose it. The history keeps its requests.</p>
      </ConfirmDialog>
      {editing && (
        <Card title="Edit environment">
          <EnvironmentForm
            key={editing}
            initial={initial.find((entry) => entry.id === editing)}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              const result = await act(`/api/environments/${editing}`, "PATCH", "Environment saved", values);
              if (result.ok) setEditing(null);
              return result;
            }}
          />
        </Card>
      )}
      <Card title="Add an environment">
        <EnvironmentForm onSubmit={(values) => act("/api/environments", "POST", `${values.name} added`, values)} />
      </Card>
    </div>
  );
}
