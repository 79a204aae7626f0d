import { guarded } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { historyCsvStream } from "@/lib/history/export-csv";
import { historyFiltersSchema, searchParamsToObject } from "@/lib/history/filters";

// GET /api/history/export – the filtered history as a CSV download (the key is never stored, so never in it)
export const GET = guarded("history:read", async (request) => {
  const filters = historyFiltersSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!filters.success) return apiError(400, "invalid_query", "The history filters are invalid", fieldErrors(filters.error));
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(historyCsvStream(await db(), filters.data), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="identify-history-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
