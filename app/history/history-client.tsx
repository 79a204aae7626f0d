"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/toasts";
import { EraseUserHistory } from "@/components/history/erase-user-history";
import { HistoryFiltersForm } from "@/components/history/history-filters";
import { HistoryTable } from "@/components/history/history-table";
import { Button } from "@/components/ui/button";
import { filtersToSearchParams, type HistoryFilters } from "@/lib/history/filters";
import { eraseUserHistory, reviewUserErasure } from "@/lib/browser/erase-user-history";
import { historyQueries } from "@/lib/browser/history-queries";

type Props = { filters: HistoryFilters; search: string; canErase: boolean };

export function HistoryClient({ filters, search, canErase }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const history = useInfiniteQuery(historyQueries.list(search));
  const rows = history.data?.pages.flatMap((page) => page.rows) ?? [];
  const filtered = search !== "";

  return (
    <div className="space-y-4">
      <HistoryFiltersForm
        key={search}
        filters={filters}
        onApply={(next) => {
          const params = filtersToSearchParams(next).toString();
          router.push(params ? `/history?${params}` : "/history");
        }}
        onClear={() => router.push("/history")}
      />
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600" aria-live="polite">
          {history.isSuccess &&
            `${rows.length}${history.hasNextPage ? "+" : ""} request${rows.length === 1 ? "" : "s"}${filtered ? " match" : ""}`}
        </p>
        <a
          href={`/api/history/export${search ? `?${search}` : ""}`}
          className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          download
        >
          Export CSV
        </a>
      </div>
      {history.isPending && (
        <p className="text-sm text-slate-500" role="status">
          Loading history…
        </p>
      )}
      {history.isError && (
        <div role="alert" className="rounded-lg bg-rose-50 p-4 text-sm text-rose-800 ring-1 ring-rose-200">
          The history could not be loaded: {history.error.message}{" "}
          <Button type="button" variant="secondary" onClick={() => void history.refetch()} className="ml-2">
            Try again
          </Button>
        </div>
      )}
      {history.isSuccess && rows.length === 0 && (
        <div className="rounded-lg bg-white p-8 text-center ring-1 ring-slate-200">
          {filtered ? (
            <p className="text-sm text-slate-600">
              No requests match these filters.{" "}
              <Link href="/history" className="font-medium text-indigo-700 underline">
                Clear filters
              </Link>
            </p>
          ) : (
            <p className="text-sm text-slate-600">
              No requests yet.{" "}
              <Link href="/" className="font-medium text-indigo-700 underline">
                Send one from the Identify page
              </Link>{" "}
              and it shows here with its outcome.
            </p>
          )}
        </div>
      )}
      {rows.length > 0 && <HistoryTable rows={rows} />}
      {history.hasNextPage && (
        <div className="flex justify-center">
          <Button
            type="button"
            onClick={() => void history.fetchNextPage()}
            disabled={history.isFetchingNextPage}
          >
            {history.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      )}
      {canErase && (
        <EraseUserHistory
          reviewFor={reviewUserErasure}
          onErase={async (userId) => {
            const deleted = await eraseUserHistory(userId);
            toast.success(
              `Erased ${deleted} request${deleted === 1 ? "" : "s"} of ${userId} from the history.`,
            );
            await queryClient.invalidateQueries({ queryKey: historyQueries.all() });
            return deleted;
          }}
        />
      )}
    </div>
  );
}
