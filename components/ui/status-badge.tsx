import { statusLabel, statusTone, type StatusTone } from "@/lib/outcome/status";

const TONES: Record<StatusTone, string> = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/30",
  danger: "bg-rose-50 text-rose-800 ring-rose-600/30",
  pending: "bg-sky-50 text-sky-800 ring-sky-600/30",
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/30",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${TONES[statusTone(status)]}`}
    >
      {statusLabel(status)}
    </span>
  );
}
