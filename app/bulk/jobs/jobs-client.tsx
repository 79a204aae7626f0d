"use client";

import { useQuery } from "@tanstack/react-query";
import { JobProgressPanel } from "@/components/bulk-jobs/job-progress-panel";
import { JobsTable } from "@/components/bulk-jobs/jobs-table";
import { bulkJobQueries } from "@/lib/bulk/query-options";

export function BulkJobsClient({ selectedId }: { selectedId: string | null }) {
  const jobs = useQuery(bulkJobQueries.list());
  const list = jobs.data?.jobs ?? [];
  const shown = selectedId ?? list[0]?.id ?? null;
  return (
    <div className="space-y-6">
      {shown && <JobProgressPanel key={shown} jobId={shown} />}
      {jobs.isPending && (
        <p role="status" className="text-sm text-slate-500">
          Loading jobs…
        </p>
      )}
      {jobs.isError && (
        <p role="alert" className="rounded-lg bg-rose-50 p-4 text-sm text-rose-800 ring-1 ring-rose-200">
          The jobs could not be loaded: {jobs.error.message}
        </p>
      )}
      {jobs.isSuccess && list.length === 0 && <p className="text-sm text-slate-600">No bulk jobs yet.</p>}
      {list.length > 0 && <JobsTable jobs={list} selectedId={shown} />}
    </div>
  );
}
