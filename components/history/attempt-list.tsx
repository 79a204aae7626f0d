import { StatusBadge } from "@/components/ui/status-badge";
import type { Attempt } from "@/lib/history/api-types";

export function AttemptList({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-500">No attempt was made.</p>;
  return (
    <ol className="space-y-2 text-sm">
      {attempts.map((attempt) => (
        <li key={attempt.attempt} className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="w-20 text-slate-500">Attempt {attempt.attempt}</span>
          <StatusBadge status={attempt.status !== undefined ? String(attempt.status) : (attempt.error ?? "unexpected")} />
          <span className="text-slate-600">{attempt.latencyMs} ms</span>
          {attempt.message && <span className="text-slate-600">{attempt.message}</span>}
          {attempt.requestId && <span className="font-mono text-xs text-slate-500">{attempt.requestId}</span>}
          {attempt.waitMs !== undefined && <span className="text-xs text-slate-500">then waited {attempt.waitMs} ms</span>}
        </li>
      ))}
    </ol>
  );
}
