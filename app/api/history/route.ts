import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { historyPageQuerySchema, searchParamsToObject } from "@/lib/history/filters";
import { presentListItem } from "@/lib/history/present";
import { listHistory } from "@/lib/history/queries";

// GET /api/history – one page of requests, newest first, filtered as in the URL
export const GET = guarded("history:read", async (request) => {
  const query = historyPageQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!query.success) return apiError(400, "invalid_query", "The history filters are invalid", fieldErrors(query.error));
  const { cursor, limit, ...filters } = query.data;
  const page = await listHistory(await db(), filters, { cursor, limit });
  return NextResponse.json(
    { rows: page.rows.map(presentListItem), nextCursor: page.nextCursor },
    { headers: { "cache-control": "no-store" } },
  );
});
