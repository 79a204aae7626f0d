import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { statusKind } from "@/lib/outcome/status";
import type { SendOutcome } from "@/lib/outcome/schema";

export type PanelState =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "outcome"; outcome: SendOutcome }
  | { kind: "error"; message: string };

function attemptsText(attempts: number) {
  return attempts === 1 ? "1 attempt" : `${attempts} attempts`;
}

function Explanation({ outcome }: { outcome: SendOutcome }) {
  const kind = statusKind(outcome.status);
  switch (kind) {
    case "accepted":
      return <p>Accepted: Userpilot queues the update; it can take a few minutes to show in Userpilot.</p>;
    case "bad_request":
      return (
        <>
          <p>Userpilot rejected the request{outcome.message ? ":" : "."}</p>
          {outcome.message && <p className="font-medium">{outcome.message}</p>}
          {outcome.fieldErrors.length > 0 && <p>The field it names is marked in the form.</p>}
        </>
      );
    case "unauthorized":
      return (
        <>
          <p>Userpilot rejected the API key{outcome.message ? `: ${outcome.message}` : "."}</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>The stored key must be the API key, not the App Token (Userpilot: Settings &gt; Environment).</li>
            <li>The region must match the account: US (analytex) or EU (analytex-eu).</li>
            <li>Ask an admin to check or rotate the key; it is never shown in this console.</li>
          </ul>
        </>
      );
    case "redirect":
      return (
        <>
          <p className="font-medium">{outcome.message ?? "Userpilot answered a redirect; check the environment's URL"}.</p>
          <p>The redirect was not followed, so nothing went to the address it named. Ask an admin to check the environment.</p>
        </>
      );
    case "rate_limited":
    case "server_error":
    case "timeout":
    case "network_error":
      return (
        <>
          <p>
            {kind === "rate_limited" && "Userpilot is rate limiting this key (600 requests a minute)."}
            {kind === "server_error" && `Userpilot had a server error${outcome.message ? `: ${outcome.message}` : "."}`}
            {kind === "timeout" && `Userpilot did not answer in time. ${outcome.message ?? ""}`}
            {kind === "network_error" && `${outcome.message ?? "Userpilot could not be reached (network error)"}.`}
          </p>
          <p>
            Gave up after {attemptsText(outcome.attempts)}. Sending again is safe: identify merges properties, so a
            repeat changes nothing twice.
          </p>
        </>
      );
    default:
      return <p>Userpilot answered with an unexpected status{outcome.message ? `: ${outcome.message}` : "."}</p>;
  }
}

export function OutcomePanel({ state }: { state: PanelState }) {
  const tone =
    state.kind === "outcome"
      ? statusKind(state.outcome.status) === "accepted"
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
          <>
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={state.outcome.status} />
              <span className="text-xs text-slate-600">
                {state.outcome.latencyMs} ms · {attemptsText(state.outcome.attempts)}
              </span>
            </div>
            <Explanation outcome={state.outcome} />
            {state.outcome.notRecorded && (
              <p role="alert" className="font-medium text-amber-800">
                The history could not record this outcome ({state.outcome.notRecorded}). The entry stays pending
                and is marked &quot;Outcome unknown&quot; when the console next starts.
              </p>
            )}
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
              {state.outcome.requestId && (
                <>
                  <dt className="text-slate-600">Request ID</dt>
                  <dd className="font-mono break-all" data-testid="outcome-request-id">
                    {state.outcome.requestId}
                  </dd>
                </>
              )}
              <dt className="text-slate-600">Latency</dt>
              <dd>{state.outcome.latencyMs} ms</dd>
            </dl>
            <p>
              <Link href={`/history/${state.outcome.historyId}`} className="font-medium text-indigo-700 underline">
                View this request in the history
              </Link>
            </p>
          </>
        )}
      </div>
    </section>
  );
}
