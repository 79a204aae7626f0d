import type { Metadata } from "next";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/relative-time";
import { listAudit } from "@/lib/audit/audit-log";
import { requirePageActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

const ACTION_LABELS: Record<string, string> = {
  "user.created": "Created user",
  "user.role_changed": "Changed role",
  "user.deactivated": "Deactivated user",
  "user.reactivated": "Reactivated user",
  "environment.created": "Added environment",
  "environment.updated": "Changed environment",
  "environment.key_rotated": "Rotated API key",
  "environment.deleted": "Removed environment",
  "environment.default_changed": "Changed default environment",
  "history.user_erased": "Erased a user's history",
  "history.exported": "Exported the history as CSV",
};

function describe(details: string): string {
  try {
    return Object.entries(JSON.parse(details) as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(", ");
  } catch {
    return "";
  }
}

export default async function AuditPage() {
  await requirePageActor("audit:read", "/audit");
  const entries = await listAudit();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Administrative changes: who, when and what. Keys never appear here.
        </p>
      </div>
      {entries.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-sm text-slate-600 ring-1 ring-slate-200">
          No administrative changes yet.
        </p>
      ) : (
        <Table
          caption="Administrative changes, newest first"
          head={
            <tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>What</Th>
              <Th>Target</Th>
              <Th>Details</Th>
            </tr>
          }
        >
          {entries.map((entry) => (
            <Tr key={entry.id}>
              <Td>
                <RelativeTime iso={new Date(entry.at).toISOString()} />
              </Td>
              <Td className="font-mono text-xs">{entry.actor}</Td>
              <Td>{ACTION_LABELS[entry.action] ?? entry.action}</Td>
              <Td className="font-mono text-xs">{entry.target ?? "—"}</Td>
              <Td className="text-xs text-slate-600">{describe(entry.details)}</Td>
            </Tr>
          ))}
        </Table>
      )}
    </div>
  );
}
