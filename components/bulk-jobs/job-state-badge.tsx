import type { JobState } from "@/lib/bulk/job-views";

const LOOK: Record<JobState, { label: string; className: string }> = {
  running: { label: "Running", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  paused: { label: "Paused", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  cancelled: { label: "Cancelled", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  completed: { label: "Completed", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  failed: { label: "Failed", className: "bg-rose-50 text-rose-800 ring-rose-200" },
};

export function JobStateBadge({ state }: { state: JobState }) {
  const look = LOOK[state];
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>
      {look.label}
    </span>
  );
}
