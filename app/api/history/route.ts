import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { historyPageQuerySchema, searchParamsToObject } from "@/lib/history/filters";
import { loadHistoryPage } from "@/lib/history/reads";

// GET /api/history – one page of requests, newest first, filtered as in the URL
export const GET = guarded("history:read", async (request) => {
  const query = historyPageQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!query.success) return apiError(400, "invalid_query", "The history filters are invalid", fieldErrors(query.error));
  return NextResponse.json(await loadHistoryPage(query.data), { headers: { "cache-control": "no-store" } });
});
