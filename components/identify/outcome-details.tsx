import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { statusKind } from "@/lib/outcome/status";
import type { SendOutcome } from "@/lib/outcome/schema";

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

/** What a send came back with: shown only after a send, so loaded with the first outcome (outcome-panel.tsx). */
export function OutcomeDetails({ outcome }: { outcome: SendOutcome }) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={outcome.status} />
        <span className="text-xs text-slate-600">
          {outcome.latencyMs} ms · {attemptsText(outcome.attempts)}
        </span>
      </div>
      <Explanation outcome={outcome} />
      {outcome.notRecorded && (
        <p role="alert" className="font-medium text-amber-800">
          The history could not record this outcome ({outcome.notRecorded}). The entry stays pending
          and is marked &quot;Outcome unknown&quot; when the console next starts.
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {outcome.requestId && (
          <>
            <dt className="text-slate-600">Request ID</dt>
            <dd className="font-mono break-all" data-testid="outcome-request-id">
              {outcome.requestId}
            </dd>
          </>
        )}
        <dt className="text-slate-600">Latency</dt>
        <dd>{outcome.latencyMs} ms</dd>
      </dl>
      <p>
        <Link href={`/history/${outcome.historyId}`} className="font-medium text-indigo-700 underline">
          View this request in the history
        </Link>
      </p>
    </>
  );
}
