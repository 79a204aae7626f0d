"use client";

import { useEnvironmentSelection } from "@/components/environments/environment-context";

export function EnvironmentBadge() {
  const { selected } = useEnvironmentSelection();
  if (!selected) return null;
  const isSandbox = selected.kind === "sandbox";
  const tone = isSandbox
    ? "bg-amber-50 text-amber-800 ring-amber-300"
    : selected.isProduction
      ? "bg-rose-50 text-rose-800 ring-rose-300"
      : "bg-sky-50 text-sky-800 ring-sky-300";
  return (
    <span
      data-testid="environment-badge"
      title={isSandbox ? "Sends go to a fake Userpilot: nothing reaches real profiles" : "Sends change real Userpilot profiles"}
      className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-xs font-semibold ring-1 ring-inset ${tone}`}
    >
      <span aria-hidden="true" className="size-2 rounded-full bg-current opacity-70" />
      <span className="sr-only">Environment: </span>
      {selected.label}
    </span>
  );
}
