import type { Metadata } from "next";
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
        <p className="mt-1 text-sm text-slate-600">Administrative changes: who, when and what. Keys never appear here.</p>
      </div>
      {entries.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-sm text-slate-600 ring-1 ring-slate-200">No administrative changes yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Administrative changes, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">When</th>
                <th scope="col" className="px-3 py-2 font-medium">Who</th>
                <th scope="col" className="px-3 py-2 font-medium">What</th>
                <th scope="col" className="px-3 py-2 font-medium">Target</th>
                <th scope="col" className="px-3 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-3 py-2"><RelativeTime iso={new Date(entry.at).toISOString()} /></td>
                  <td className="px-3 py-2 font-mono text-xs">{entry.actor}</td>
                  <td className="px-3 py-2">{ACTION_LABELS[entry.action] ?? entry.action}</td>
                  <td className="px-3 py-2 font-mono text-xs">{entry.target ?? "—"}</td>
                  <td className="px-3 py-2 text-xs text-slate-600">{describe(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
