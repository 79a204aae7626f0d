import { queryOptions } from "@tanstack/react-query";
import { requestJsonOrThrow } from "@/lib/browser/request-json";
import { jobListResponseSchema, jobResponseSchema } from "./job-views";

const isLive = (state: string | undefined) => state === "running";

/** Every bulk job query key comes from here. */
export const bulkJobQueries = {
  all: () => ["bulk-jobs"] as const,
  list: () =>
    queryOptions({
      queryKey: [...bulkJobQueries.all(), "list"] as const,
      queryFn: () => requestJsonOrThrow("/api/bulk/jobs", jobListResponseSchema),
      refetchInterval: (query) => (query.state.data?.jobs.some((job) => isLive(job.state)) ? 2000 : false),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...bulkJobQueries.all(), "detail", id] as const,
      queryFn: () => requestJsonOrThrow(`/api/bulk/jobs/${encodeURIComponent(id)}`, jobResponseSchema),
      // Polled while it runs, so the bar never freezes; still once it has ended.
      refetchInterval: (query) => (isLive(query.state.data?.job.state) ? 1000 : false),
    }),
};
