import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AttemptList } from "@/components/history/attempt-list";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { identifiesOf } from "@/lib/history/identifies";
import { profileHref } from "@/lib/profiles/links";
import { loadDetail } from "@/lib/history/reads";
import { RequestActions } from "./request-actions";

export const metadata: Metadata = { title: "Request" };

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
    >
      {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}

function prettyBody(body: string | null): string {
  if (body === null || body === "") return "(empty body)";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor("history:read", `/history/${id}`);
  const detail = await loadDetail(id);
  if (!detail) notFound();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm">
            <Link href="/history" className="text-indigo-700 hover:underline">
              ← History
            </Link>
          </p>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-xl font-semibold tracking-tight">
            {identifiesOf(detail.userId, detail.companyId) === "company" ? (
              <>
                Request for company <span className="font-mono">{detail.companyId}</span>
              </>
            ) : (
              <>
                Request for <span className="font-mono">{detail.userId}</span>
              </>
            )}{" "}
            <StatusBadge status={detail.status} />
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            <RelativeTime iso={detail.createdAt} /> · {detail.environment} · {detail.source}
            {detail.sentBy ? ` · sent by ${detail.sentBy}` : ""}
            {detail.userId !== "" && (
              <>
                {" · "}
                <Link href={profileHref("user", detail.userId)} className="text-indigo-700 underline">
                  User profile
                </Link>
              </>
            )}
            {detail.companyId && (
              <>
                {" · "}
                <Link href={profileHref("company", detail.companyId)} className="text-indigo-700 underline">
                  Company profile
                </Link>
              </>
            )}
            {detail.replayOf && (
              <>
                {" · "}resend of{" "}
                <Link href={`/history/${detail.replayOf}`} className="text-indigo-700 underline">
                  an earlier request
                </Link>
              </>
            )}
          </p>
        </div>
        {can(actor.role, "identify:send") && (
          <RequestActions
            id={detail.id}
            redactedNames={detail.redactedNames}
            canResend={detail.requestBody !== null}
          />
        )}
      </div>

      {detail.status === "unknown" && (
        <p role="note" className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
          Outcome unknown: the console stopped while this request was on its way. Check the user in Userpilot
          before resending; resending is safe because identify merges, but it may already have been applied.
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Request sent">
          <p className="mb-2 font-mono text-xs text-slate-600">{detail.endpoint}</p>
          <dl
            aria-label="Headers"
            className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs"
          >
            {Object.entries(detail.headers).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-500">{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {detail.requestBody === null ? (
            <p className="text-sm text-slate-600">Nothing was sent: {detail.errorMessage}</p>
          ) : (
            <Json value={detail.requestBody} label="Request body" />
          )}
          {detail.redactedNames.length > 0 && (
            <p className="mt-2 text-xs text-slate-500">
              Values of {detail.redactedNames.join(", ")} are masked in the history (HISTORY_REDACT_KEYS);
              Userpilot received them unmasked.
            </p>
          )}
        </Card>
        <Card title="Response">
          <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Status</dt>
            <dd>
              <StatusBadge status={detail.status} />
            </dd>
            <dt className="text-slate-500">Request ID</dt>
            <dd className="font-mono text-xs break-all">{detail.requestId ?? "—"}</dd>
            <dt className="text-slate-500">Latency</dt>
            <dd>{detail.latencyMs === null ? "—" : `${detail.latencyMs} ms`}</dd>
            {detail.errorMessage && detail.requestBody !== null && (
              <>
                <dt className="text-slate-500">Error</dt>
                <dd>{detail.errorMessage}</dd>
              </>
            )}
          </dl>
          <Json value={prettyBody(detail.responseBody)} label="Response body" />
        </Card>
      </div>

      <Card title={`Attempts (${detail.attempts.length})`}>
        <AttemptList attempts={detail.attempts} />
      </Card>

      {detail.replays.length > 0 && (
        <Card title="Sent again as">
          <ul className="space-y-1 text-sm">
            {detail.replays.map((replay) => (
              <li key={replay.id} className="flex items-center gap-2">
                <StatusBadge status={replay.status} />
                <Link href={`/history/${replay.id}`} className="text-indigo-700 hover:underline">
                  <RelativeTime iso={replay.createdAt} />
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
