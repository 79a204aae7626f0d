import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { countForUser, purgeUser } from "@/lib/history/queries";

type Context = { params: Promise<{ userId: string }> };

// GET /api/history/users/[userId] – how many rows an erasure of this user would delete
export async function GET(_request: Request, { params }: Context) {
  const { userId } = await params;
  return NextResponse.json({ userId, count: await countForUser(await db(), userId) });
}

// DELETE /api/history/users/[userId] – erase every history row of one user (a deletion request)
export async function DELETE(_request: Request, { params }: Context) {
  const { userId } = await params;
  return NextResponse.json({ userId, deleted: await purgeUser(await db(), userId) });
}
