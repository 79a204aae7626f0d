import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { apiError } from "@/lib/http/responses";
import { presentDetail } from "@/lib/history/present";
import { getRequest, listReplays } from "@/lib/history/queries";

type Context = { params: Promise<{ id: string }> };

// GET /api/history/[id] – one request: the body sent, masked headers, the response and every attempt
export const GET = guarded("history:read", async (_request, _actor, { params }: Context) => {
  const { id } = await params;
  const database = await db();
  const row = await getRequest(database, id);
  if (!row) return apiError(404, "not_found", "No request with that id in the history");
  return NextResponse.json(presentDetail(row, await listReplays(database, id)), { headers: { "cache-control": "no-store" } });
});
