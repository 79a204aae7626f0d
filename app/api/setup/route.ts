import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { auth } from "@/lib/auth/auth";
import { claimSetupToken } from "@/lib/auth/first-admin";
import { isCrossSite } from "@/lib/auth/guard";
import { setupSchema } from "@/lib/auth/schemas";
import { answeringErrors } from "@/lib/http/api-error";
import { parseBody } from "@/lib/http/parse-body";
import { apiError } from "@/lib/http/responses";

// POST /api/setup – create the first admin with the one-time token printed at first start
// (Not guarded: there is no one to sign in as yet; the token is the permission.)
export const POST = answeringErrors(async (request: Request) => {
  if (isCrossSite(request)) return apiError(403, "cross_site", "Cross-site requests are not accepted");
  const input = await parseBody(request, setupSchema);
  if (!(await claimSetupToken(input.token))) {
    return apiError(403, "invalid_token", "This set-up link is invalid or was already used. Ask whoever runs the server for the link in its log.");
  }
  const { email, password, name } = input;
  await auth().api.createUser({ body: { email, password, name, role: "admin" } });
  await audit(email, "user.created", email, { role: "admin", via: "setup link" });
  return NextResponse.json({ ok: true });
});
