import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { forgetActors } from "@/lib/auth/session";
import { userChangeSchema } from "@/lib/auth/schemas";
import { changeStaff } from "@/lib/auth/users";
import { parseBody } from "@/lib/http/parse-body";
import { apiError } from "@/lib/http/responses";

type Context = { params: Promise<{ id: string }> };

// PATCH /api/users/[id] – change a staff member's role, or deactivate / reactivate the account
export const PATCH = guarded("users:manage", async (request, actor, { params }: Context) => {
  const { id } = await params;
  const change = await parseBody(request, userChangeSchema, "Nothing valid to change");
  if (id === actor.id) return apiError(409, "own_account", "Admins can't change their own role or deactivate themselves");

  const result = await changeStaff(actor, id, change);
  forgetActors();
  if (result.ok) return NextResponse.json({ user: result.user });
  if (result.reason === "not_found") return apiError(404, "not_found", "No such account");
  if (result.reason === "last_admin") return apiError(409, "last_admin", "There must stay at least one active admin");
  return apiError(403, "forbidden", "Your account is no longer an active admin");
});
