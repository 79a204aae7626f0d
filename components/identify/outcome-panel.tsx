import { lazy, Suspense } from "react";
import type { SendOutcome } from "@/lib/outcome/schema";

// The explanations of every outcome are needed only once something was sent: loaded when a send starts
// (preloadOutcomeDetails), so they are there when its answer comes back.
const loadOutcomeDetails = () => import("./outcome-details");
const OutcomeDetails = lazy(() => loadOutcomeDetails().then((module) => ({ default: module.OutcomeDetails })));

export function preloadOutcomeDetails(): void {
  void loadOutcomeDetails();
}

export type PanelState =
  | { kind: "idle" }
  | { kind: "sending" }
  /** `accepted`: whether Userpilot took it (statusKind "accepted"), which colours the panel. */
  | { kind: "outcome"; outcome: SendOutcome; accepted: boolean }
  | { kind: "error"; message: string };

export function OutcomePanel({ state }: { state: PanelState }) {
  const tone =
    state.kind === "outcome"
      ? state.accepted
        ? "ring-emerald-300 bg-emerald-50/50"
        : "ring-rose-200 bg-rose-50/40"
      : state.kind === "error"
        ? "ring-rose-200 bg-rose-50/40"
        : "ring-slate-200 bg-white";
  return (
    <section aria-labelledby="outcome-heading" className={`rounded-lg p-4 shadow-xs ring-1 ${tone}`}>
      <h2 id="outcome-heading" className="mb-2 text-sm font-semibold text-slate-900">
        Outcome
      </h2>
      <div role="status" aria-live="polite" className="space-y-2 text-sm text-slate-700">
        {state.kind === "idle" && <p className="text-slate-500">Nothing sent yet. The result of each send shows here.</p>}
        {state.kind === "sending" && <p>Sending to Userpilot…</p>}
        {state.kind === "error" && <p className="font-medium text-rose-800">{state.message}</p>}
        {state.kind === "outcome" && (
          <Suspense fallback={<p>Sending to Userpilot…</p>}>
            <OutcomeDetails outcome={state.outcome} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
