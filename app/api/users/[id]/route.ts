import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { auth } from "@/lib/auth/auth";
import { guarded } from "@/lib/auth/guard";
import { forgetActors } from "@/lib/auth/session";
import { userChangeSchema } from "@/lib/auth/schemas";
import { listStaff } from "@/lib/auth/users";
import { readJsonBody } from "@/lib/http/json-body";
import { apiError, fieldErrors } from "@/lib/http/responses";

type Context = { params: Promise<{ id: string }> };

// PATCH /api/users/[id] – change a staff member's role, or deactivate / reactivate the account
export const PATCH = guarded("users:manage", async (request, actor, { params }: Context) => {
  const { id } = await params;
  const body = await readJsonBody(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const change = userChangeSchema.safeParse(body.json);
  if (!change.success) return apiError(400, "invalid_request", "Nothing valid to change", fieldErrors(change.error));
  if (id === actor.id) return apiError(409, "own_account", "Admins can't change their own role or deactivate themselves");
  const target = (await listStaff(request.headers)).find((user) => user.id === id);
  if (!target) return apiError(404, "not_found", "No such account");

  const { role, active } = change.data;
  const headers = request.headers;
  if (role !== undefined && role !== target.role) {
    await auth().api.setRole({ body: { userId: id, role }, headers });
    await audit(actor.email, "user.role_changed", target.email, { from: target.role, to: role });
  }
  if (active === false && target.active) {
    await auth().api.banUser({ body: { userId: id, banReason: `Deactivated by ${actor.email}` }, headers });
    await audit(actor.email, "user.deactivated", target.email);
  }
  if (active === true && !target.active) {
    await auth().api.unbanUser({ body: { userId: id }, headers });
    await audit(actor.email, "user.reactivated", target.email);
  }
  forgetActors();
  return NextResponse.json({ user: (await listStaff(headers)).find((user) => user.id === id) });
});
