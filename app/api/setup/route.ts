import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { auth } from "@/lib/auth/auth";
import { claimSetupToken } from "@/lib/auth/first-admin";
import { isCrossSite } from "@/lib/auth/guard";
import { setupSchema } from "@/lib/auth/schemas";
import { readJsonBody } from "@/lib/http/json-body";
import { apiError, fieldErrors } from "@/lib/http/responses";

// POST /api/setup – create the first admin with the one-time token printed at first start
export async function POST(request: Request) {
  if (isCrossSite(request)) return apiError(403, "cross_site", "Cross-site requests are not accepted");
  const body = await readJsonBody(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const input = setupSchema.safeParse(body.json);
  if (!input.success) return apiError(400, "invalid_request", "Some fields need attention", fieldErrors(input.error));
  if (!(await claimSetupToken(input.data.token))) {
    return apiError(403, "invalid_token", "This set-up link is invalid or was already used. Ask whoever runs the server for the link in its log.");
  }
  const { email, password, name } = input.data;
  await auth().api.createUser({ body: { email, password, name, role: "admin" } });
  await audit(email, "user.created", email, { role: "admin", via: "setup link" });
  return NextResponse.json({ ok: true });
}
