import type { Metadata } from "next";
import { z } from "zod";
import { requirePageActor } from "@/lib/auth/session";
import { BulkJobsClient } from "./jobs-client";

export const metadata: Metadata = { title: "Bulk jobs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BulkJobsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageActor("identify:send", "/bulk/jobs");
  const job = z.uuid().safeParse((await searchParams).job);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Bulk jobs</h1>
        <p className="mt-1 text-sm text-slate-600">
          Jobs run on the server: closing this tab does not stop them, and a restart resumes them. Each row sent is
          a history row.
        </p>
      </div>
      <BulkJobsClient selectedId={job.success ? job.data : null} />
    </div>
  );
}
