import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { guarded } from "@/lib/auth/guard";
import { setDefaultEnvironment } from "@/lib/environments/store";
import { apiError } from "@/lib/http/responses";

type Context = { params: Promise<{ id: string }> };

// POST /api/environments/[id]/default – make this the environment the form starts with
export const POST = guarded("environments:manage", async (_request, actor, { params }: Context) => {
  const { id } = await params;
  if (!(await setDefaultEnvironment(id))) return apiError(404, "not_found", "No such environment");
  await audit(actor.email, "environment.default_changed", id);
  return NextResponse.json({ defaultId: id });
});
