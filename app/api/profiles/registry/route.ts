import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { readRegistry } from "@/lib/profiles/reads";
import { environmentIdOf } from "@/lib/profiles/route-query";
import type { RegistryResponse } from "@/lib/profiles/types";

// GET /api/profiles/registry?environmentId=… – every property name with the types it was sent as, how often
export const GET = guarded("history:read", async (request) => {
  const body: RegistryResponse = { entries: await readRegistry(environmentIdOf(request)) };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
