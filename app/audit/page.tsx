import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, Td, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/relative-time";
import { listAudit, listAuditOf } from "@/lib/audit/audit-log";
import { hashUserId, isHashedUserId } from "@/lib/audit/target-hash";
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

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ erased?: string | string[] }> }) {
  await requirePageActor("audit:read", "/audit");
  const { erased } = await searchParams;
  const erasedId = typeof erased === "string" ? erased.trim() : "";
  // Erasures keep only a keyed hash of the user id: whoever holds the id finds its entries by hashing it.
  const wanted = erasedId ? hashUserId(erasedId) : undefined;
  const entries = wanted ? await listAuditOf(wanted) : await listAudit();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Administrative changes: who, when and what. Keys never appear here.
        </p>
      </div>
      <form method="get" className="flex max-w-xl items-end gap-3" role="search" aria-label="Find the erasure of a user">
        <div className="flex-1">
          <label htmlFor="erased" className="mb-1 block text-sm font-medium text-slate-800">
            Erased user ID
          </label>
          <Input id="erased" name="erased" defaultValue={erasedId} autoComplete="off" spellCheck={false} required />
        </div>
        <Button type="submit">Find erasure</Button>
      </form>
      {entries.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-sm text-slate-600 ring-1 ring-slate-200">
          {wanted ? "No erasure of this user ID is on record." : "No administrative changes yet."}
        </p>
      ) : (
        <Table
          caption="Administrative changes, newest first"
          columns={["When", "Who", "What", "Target", "Details"]}
        >
          {entries.map((entry) => (
            <Tr key={entry.id}>
              <Td>
                <RelativeTime iso={new Date(entry.at).toISOString()} />
              </Td>
              <Td className="font-mono text-xs">{entry.actor}</Td>
              <Td>{ACTION_LABELS[entry.action] ?? entry.action}</Td>
              <Td className="font-mono text-xs">
                {isHashedUserId(entry.target) ? (
                  <>
                    <span className="font-sans text-slate-600">user (hashed) </span>
                    {entry.target}
                  </>
                ) : (
                  (entry.target ?? "—")
                )}
              </Td>
              <Td className="text-xs text-slate-600">{describe(entry.details)}</Td>
            </Tr>
          ))}
        </Table>
      )}
    </div>
  );
}
