import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { readUserProfile } from "@/lib/profiles/reads";
import { environmentIdOf } from "@/lib/profiles/route-query";
import type { UserProfileResponse } from "@/lib/profiles/types";

type Context = { params: Promise<{ userId: string }> };

// GET /api/profiles/users/[userId]?environmentId=… – the user's known profile, as sent from this console
export const GET = guarded("history:read", async (request, _actor, { params }: Context) => {
  const environmentId = environmentIdOf(request);
  const { userId } = await params;
  const body: UserProfileResponse = { profile: await readUserProfile(environmentId, userId) };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
