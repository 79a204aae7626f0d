"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { requestJson } from "@/lib/browser/request-json";
import { kindNoun } from "@/lib/bulk/check";
import { jobResponseSchema, type JobProgress } from "@/lib/bulk/job-views";
import { bulkJobQueries } from "@/lib/bulk/query-options";
import { JobStateBadge } from "./job-state-badge";

type Action = "pause" | "resume" | "cancel" | "retry";

function timeLeft(seconds: number | null): string {
  if (seconds === null) return "time left unknown";
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export function JobProgressPanel({ jobId }: { jobId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const job = useQuery(bulkJobQueries.detail(jobId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: Action) {
    setBusy(true);
    setError(null);
    const result = await requestJson(`/api/bulk/jobs/${jobId}/${action}`, jobResponseSchema, { method: "POST" });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: bulkJobQueries.all() });
    if (action === "retry") router.push(`/bulk/jobs?job=${result.data.job.id}`);
  }

  if (job.isPending) return <p role="status" className="text-sm text-slate-500">Loading the job…</p>;
  if (job.isError) {
    return (
      <p role="alert" className="rounded-lg bg-rose-50 p-4 text-sm text-rose-800 ring-1 ring-rose-200">
        The job could not be loaded: {job.error.message}
      </p>
    );
  }
  const data: JobProgress = job.data.job;
  const percent = data.total === 0 ? 100 : Math.floor((data.done / data.total) * 100);
  const ended = data.state === "completed" || data.state === "cancelled" || data.state === "failed";

  return (
    <section aria-labelledby="job-heading" className="space-y-4 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="job-heading" className="text-base font-semibold">
          {data.total.toLocaleString("en-US")} {kindNoun(data.kind, data.total)} to {data.environment}
        </h2>
        <JobStateBadge state={data.state} />
      </div>
      <div
        role="progressbar"
        aria-label="Rows done"
        aria-valuemin={0}
        aria-valuemax={data.total}
        aria-valuenow={data.done}
        aria-valuetext={`${data.done} of ${data.total} rows done`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-700" aria-live="polite">
        {data.done.toLocaleString("en-US")} of {data.total.toLocaleString("en-US")} rows done ·{" "}
        {data.failed.toLocaleString("en-US")} failed
        {data.skipped > 0 && ` · ${data.skipped.toLocaleString("en-US")} skipped by the check`}
        {data.state === "running" && ` · ${data.ratePerMinute.toLocaleString("en-US")} rows a minute · ${timeLeft(data.secondsLeft)}`}
      </p>
      {data.stateReason && <p className="text-sm text-amber-800">{data.stateReason}</p>}
      {data.upstream && (
        <p className="text-sm text-slate-700">
          Userpilot&apos;s job: {data.upstream.status}, {data.upstream.completedRows.toLocaleString("en-US")} of{" "}
          {data.upstream.totalRows.toLocaleString("en-US")} rows processed
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {data.state === "running" && (
          <Button disabled={busy} onClick={() => void act("pause")}>
            Pause
          </Button>
        )}
        {data.state === "paused" && (
          <Button variant="primary" disabled={busy} onClick={() => void act("resume")}>
            Resume
          </Button>
        )}
        {!ended && (
          <Button variant="danger" disabled={busy} onClick={() => void act("cancel")}>
            Cancel
          </Button>
        )}
        {ended && data.failed > 0 && (
          <Button disabled={busy} onClick={() => void act("retry")}>
            Retry failed rows
          </Button>
        )}
        <a
          href={`/api/bulk/jobs/${data.id}/results`}
          download
          className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          Download results
        </a>
        <Link
          href={`/history?job=${data.id}`}
          className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          See its rows in the history
        </Link>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
    </section>
  );
}
