import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { guarded } from "@/lib/auth/guard";
import { createEnvironment, listEnvironments } from "@/lib/environments/store";
import { environmentCreateRequestSchema } from "@/lib/environments/upstream-policy";
import { readJsonBody } from "@/lib/http/json-body";
import { apiError, fieldErrors } from "@/lib/http/responses";

// GET /api/environments – where sends can go (keys shown as their last four characters at most)
export const GET = guarded("history:read", async () => NextResponse.json({ environments: await listEnvironments() }));

// POST /api/environments – add an environment with its API key (stored encrypted)
export const POST = guarded("environments:manage", async (request, actor) => {
  const body = await readJsonBody(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const input = environmentCreateRequestSchema.safeParse(body.json);
  if (!input.success) return apiError(400, "invalid_request", "Some fields need attention", fieldErrors(input.error));
  const existing = await listEnvironments();
  if (existing.some((entry) => entry.name.toLowerCase() === input.data.name.toLowerCase())) {
    return apiError(409, "duplicate_name", "An environment with that name exists", [{ path: "name", message: "Pick another name" }]);
  }
  const created = await createEnvironment(input.data);
  await audit(actor.email, "environment.created", created.name, { region: created.region, production: created.isProduction, keySet: true });
  return NextResponse.json({ environment: created }, { status: 201 });
});
