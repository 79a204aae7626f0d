import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { checkConnection } from "@/lib/environments/connection-check";
import { KEY_UNREADABLE, resolveEnvironment } from "@/lib/environments/store";
import { apiError, keyUnreadableError } from "@/lib/http/responses";

type Context = { params: Promise<{ id: string }> };

// POST /api/environments/[id]/test – GET /v1/validate with the stored key: a hint, not a guarantee
export const POST = guarded("environments:manage", async (_request, _actor, { params }: Context) => {
  const { id } = await params;
  const environment = await resolveEnvironment(id);
  if (!environment) return apiError(404, "not_found", "No such environment");
  if (environment === KEY_UNREADABLE) return keyUnreadableError();
  return NextResponse.json(await checkConnection(environment));
});
