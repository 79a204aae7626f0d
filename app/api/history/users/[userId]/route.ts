import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { guarded } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { countForUser, purgeUser } from "@/lib/history/queries";

type Context = { params: Promise<{ userId: string }> };

// GET /api/history/users/[userId] – how many rows an erasure of this user would delete
export const GET = guarded("history:erase", async (_request, _actor, { params }: Context) => {
  const { userId } = await params;
  return NextResponse.json({ userId, count: await countForUser(await db(), userId) });
});

// DELETE /api/history/users/[userId] – erase every history row of one user (a deletion request)
export const DELETE = guarded("history:erase", async (_request, actor, { params }: Context) => {
  const { userId } = await params;
  const deleted = await purgeUser(await db(), userId);
  await audit(actor.email, "history.user_erased", userId, { rows: deleted });
  return NextResponse.json({ userId, deleted });
});
