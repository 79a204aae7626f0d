import { audit } from "@/lib/audit/audit-log";
import { guarded } from "@/lib/auth/guard";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { historyFiltersSchema, searchParamsToObject, type HistoryFilters } from "@/lib/history/filters";
import { exportHistoryCsv } from "@/lib/history/reads";

// GET /api/history/export – the filtered history as a CSV download (the key is never stored, so never in it)
export const GET = guarded("history:read", async (request, actor) => {
  const filters = historyFiltersSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!filters.success) return apiError(400, "invalid_query", "The history filters are invalid", fieldErrors(filters.error));
  // Which filters, not their values: the audit log outlives an erased user's history.
  await audit(actor.email, "history.exported", null, { filters: filterNames(filters.data) || "none" });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(await exportHistoryCsv(filters.data), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="identify-history-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});

function filterNames(filters: HistoryFilters): string {
  return (["outcome", "user", "company", "from", "to"] as const)
    .filter((name) => (name === "outcome" ? filters.outcome.length > 0 : filters[name] !== undefined))
    .join(", ");
}
