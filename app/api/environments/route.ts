import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { guarded } from "@/lib/auth/guard";
import { createEnvironment, listEnvironments } from "@/lib/environments/store";
import { environmentCreateRequestSchema } from "@/lib/environments/upstream-policy";
import { parseBody } from "@/lib/http/parse-body";
import { apiError } from "@/lib/http/responses";

// GET /api/environments – where sends can go (keys shown as their last four characters at most)
export const GET = guarded("history:read", async () => NextResponse.json({ environments: await listEnvironments() }));

// POST /api/environments – add an environment with its API key (stored encrypted)
export const POST = guarded("environments:manage", async (request, actor) => {
  const input = await parseBody(request, environmentCreateRequestSchema);
  const existing = await listEnvironments();
  if (existing.some((entry) => entry.name.toLowerCase() === input.name.toLowerCase())) {
    return apiError(409, "duplicate_name", "An environment with that name exists", [{ path: "name", message: "Pick another name" }]);
  }
  const created = await createEnvironment(input);
  await audit(actor.email, "environment.created", created.name, { region: created.region, production: created.isProduction, keySet: true });
  return NextResponse.json({ environment: created }, { status: 201 });
});
