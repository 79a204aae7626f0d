import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { auth } from "@/lib/auth/auth";
import { guarded } from "@/lib/auth/guard";
import { newUserSchema, staffPageQuerySchema } from "@/lib/auth/schemas";
import { emailTaken, listStaff } from "@/lib/auth/users";
import { parseBody } from "@/lib/http/parse-body";
import { apiError, fieldErrors } from "@/lib/http/responses";

// GET /api/users?offset=&limit= – one page of staff accounts and their roles, oldest first
export const GET = guarded("users:manage", async (request) => {
  const params = new URL(request.url).searchParams;
  const query = staffPageQuerySchema.safeParse({
    offset: params.get("offset") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
  if (!query.success)
    return apiError(400, "invalid_request", "The page asked for is not valid", fieldErrors(query.error));
  return NextResponse.json(await listStaff(query.data.offset, query.data.limit));
});

// POST /api/users – create a staff account with a role
export const POST = guarded("users:manage", async (request, actor) => {
  const input = await parseBody(request, newUserSchema);
  if (await emailTaken(input.email)) {
    return apiError(409, "duplicate_email", "An account with that email exists", [
      { path: "email", message: "This email already has an account" },
    ]);
  }
  // Without the request's headers: the guard above is the permission check, not the library's roles.
  const { user } = await auth().api.createUser({ body: input });
  await audit(actor.email, "user.created", input.email, { role: input.role });
  return NextResponse.json({ id: user.id }, { status: 201 });
});
