import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { hashUserId } from "@/lib/audit/target-hash";
import { guarded } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { countForUser, purgeUser } from "@/lib/history/queries";
import { deleteSandboxUser, hasSandboxUser } from "@/lib/sandbox/sqlite-store";

type Context = { params: Promise<{ userId: string }> };

// GET /api/history/users/[userId] – what an erasure of this user would delete: history rows, sandbox profile
export const GET = guarded("history:erase", async (_request, _actor, { params }: Context) => {
  const { userId } = await params;
  const database = await db();
  return NextResponse.json({
    userId,
    count: await countForUser(database, userId),
    sandboxProfile: await hasSandboxUser(database, userId),
  });
});

// DELETE /api/history/users/[userId] – erase one user's history rows and sandbox profile (a deletion request)
export const DELETE = guarded("history:erase", async (_request, actor, { params }: Context) => {
  const { userId } = await params;
  const database = await db();
  const deleted = await purgeUser(database, userId);
  const sandboxProfileDeleted = await deleteSandboxUser(database, userId);
  await audit(actor.email, "history.user_erased", hashUserId(userId), {
    rows: deleted,
    sandbox_profile: sandboxProfileDeleted,
  });
  return NextResponse.json({ userId, deleted, sandboxProfileDeleted });
});
