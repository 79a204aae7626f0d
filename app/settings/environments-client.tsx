"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toasts";
import { EnvironmentForm } from "@/components/environments/environment-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { sendJson } from "@/lib/api/send-json";
import type { EnvironmentSummary } from "@/lib/environments/types";

const REGION_LABEL = { us: "US", eu: "EU", custom: "Custom URL", sandbox: "Built-in" } as const;

export function EnvironmentsClient({ initial }: { initial: EnvironmentSummary[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<string, string>>({});

  async function act(path: string, method: string, success: string, body?: unknown) {
    const result = await sendJson(path, method, body);
    if (result.ok) {
      toast.success(success);
      router.refresh();
    } else toast.error(result.message);
    return result;
  }

  async function test(entry: EnvironmentSummary) {
    setChecks((current) => ({ ...current, [entry.id]: "Checking…" }));
    const result = await sendJson(`/api/environments/${entry.id}/test`, "POST");
    const message =
      result.ok && typeof result.body === "object" && result.body && "message" in result.body
        ? String(result.body.message)
        : result.ok
          ? ""
          : result.message;
    setChecks((current) => ({ ...current, [entry.id]: message }));
  }

  return (
    <div className="space-y-6">
      <Table
        caption="Environments"
        head={
          <tr>
            <Th>Name</Th>
            <Th>Region</Th>
            <Th>API key</Th>
            <Th>Production</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        }
      >
        {initial.map((entry) => (
          <Tr key={entry.id} className="align-top">
            <Td>
              <span className="font-medium">{entry.name}</span>
              {entry.isDefault && (
                <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">
                  default
                </span>
              )}
              {entry.kind !== "stored" && (
                <span className="block text-xs text-slate-500">
                  {entry.kind === "sandbox" ? "Built in (SANDBOX=off hides it)" : "From USERPILOT_API_KEY"}
                </span>
              )}
              {checks[entry.id] && (
                <p role="status" className="mt-1 max-w-md text-xs text-slate-600">
                  {checks[entry.id]}
                </p>
              )}
            </Td>
            <Td>
              {REGION_LABEL[entry.region]}
              <span className="block font-mono text-xs text-slate-500">{entry.baseUrl}</span>
            </Td>
            <Td className="font-mono" data-testid={`key-${entry.name}`}>
              {entry.keyLast4 ? `••••${entry.keyLast4}` : "—"}
              {entry.keyUnreadable && (
                <span className="mt-1 block font-sans text-xs font-medium text-rose-700">
                  Key unreadable: enter it again
                </span>
              )}
            </Td>
            <Td>{entry.isProduction ? "Yes" : "No"}</Td>
            <Td>
              <div className="flex flex-wrap justify-end gap-1">
                {entry.kind !== "sandbox" && (
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() => void test(entry)}
                    aria-label={`Test connection of ${entry.name}`}
                  >
                    Test connection
                  </Button>
                )}
                {!entry.isDefault && (
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() =>
                      void act(
                        `/api/environments/${entry.id}/default`,
                        "POST",
                        `${entry.name} is now the default`,
                      )
                    }
                  >
                    Make default
                  </Button>
                )}
                {entry.kind === "stored" && (
                  <>
                    <Button
                      type="button"
                      variant="ghost"
                      onClick={() => setEditing(entry.id)}
                      aria-label={`Edit ${entry.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      aria-label={`Remove ${entry.name}`}
                      onClick={() => {
                        if (window.confirm(`Remove ${entry.name} and its stored key?`))
                          void act(`/api/environments/${entry.id}`, "DELETE", `${entry.name} removed`);
                      }}
                    >
                      Remove
                    </Button>
                  </>
                )}
              </div>
            </Td>
          </Tr>
        ))}
      </Table>
      {editing && (
        <Card title="Edit environment">
          <EnvironmentForm
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
        <EnvironmentForm
          onSubmit={(values) => act("/api/environments", "POST", `${values.name} added`, values)}
        />
      </Card>
    </div>
  );
}
