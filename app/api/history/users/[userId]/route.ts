import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { hashUserId } from "@/lib/audit/target-hash";
import { guarded } from "@/lib/auth/guard";
import { erasurePreview, eraseUser } from "@/lib/history/erasure";

type Context = { params: Promise<{ userId: string }> };

// GET /api/history/users/[userId] – what an erasure of this user would delete: history rows, sandbox profile
export const GET = guarded("history:erase", async (_request, _actor, { params }: Context) => {
  const { userId } = await params;
  return NextResponse.json({ userId, ...(await erasurePreview(userId)) });
});

// DELETE /api/history/users/[userId] – erase one user's history rows and sandbox profile (a deletion request)
export const DELETE = guarded("history:erase", async (_request, actor, { params }: Context) => {
  const { userId } = await params;
  const { deleted, sandboxProfileDeleted } = await eraseUser(userId);
  await audit(actor.email, "history.user_erased", hashUserId(userId), {
    rows: deleted,
    sandbox_profile: sandboxProfileDeleted,
  });
  return NextResponse.json({ userId, deleted, sandboxProfileDeleted });
});
