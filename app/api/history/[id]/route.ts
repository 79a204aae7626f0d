import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { apiError } from "@/lib/http/responses";
import { loadDetail } from "@/lib/history/reads";

type Context = { params: Promise<{ id: string }> };

// GET /api/history/[id] – one request: the body sent, masked headers, the response and every attempt
export const GET = guarded("history:read", async (_request, _actor, { params }: Context) => {
  const { id } = await params;
  const detail = await loadDetail(id);
  if (!detail) return apiError(404, "not_found", "No request with that id in the history");
  return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
});
