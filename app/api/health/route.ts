import { sql } from "kysely";
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { lastWriteFailure } from "@/lib/db/write-health";
import packageJson from "@/package.json";

// GET /api/health – the version and whether the database answers and takes writes (for load balancers and
// test harnesses); a database that reads but refused the last history write is "failing", with the reason
export async function GET() {
  let database: "ok" | "unreachable" | "failing" = "ok";
  let reason: string | null = null;
  try {
    await sql`select 1`.execute(await db());
    reason = lastWriteFailure();
    if (reason !== null) database = "failing";
  } catch {
    database = "unreachable";
  }
  return NextResponse.json(
    {
      status: database === "ok" ? "ok" : "degraded",
      version: packageJson.version,
      database,
      ...(reason === null ? {} : { reason }),
    },
    { status: database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
