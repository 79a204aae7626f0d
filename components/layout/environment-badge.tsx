export function EnvironmentBadge({ label, isSandbox }: { label: string; isSandbox: boolean }) {
  return (
    <span
      data-testid="environment-badge"
      title={isSandbox ? "Sends go to a local fake Userpilot: nothing reaches real profiles" : "Sends change real Userpilot profiles"}
      className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-xs font-semibold ring-1 ring-inset ${
        isSandbox ? "bg-amber-50 text-amber-800 ring-amber-300" : "bg-rose-50 text-rose-800 ring-rose-300"
      }`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${isSandbox ? "bg-amber-500" : "bg-rose-600"}`} />
      <span className="sr-only">Environment: </span>
      {label}
    </span>
  );
}
