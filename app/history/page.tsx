import type { Metadata } from "next";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { historyFiltersSchema, filtersToSearchParams } from "@/lib/history/filters";
import { HistoryClient } from "./history-client";

export const metadata: Metadata = { title: "History" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HistoryPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const actor = await requirePageActor("history:read", "/history");
  const parsed = historyFiltersSchema.safeParse(raw);
  // A hand-edited URL with a bad filter shows everything rather than an error page.
  const filters = parsed.success ? parsed.data : historyFiltersSchema.parse({});
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">History</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every request and its outcome, newest first. Filters live in the address, so a filtered view can be
          shared in a support ticket.
        </p>
      </div>
      <HistoryClient
        filters={filters}
        search={filtersToSearchParams(filters).toString()}
        canErase={can(actor.role, "history:erase")}
      />
    </div>
  );
}
