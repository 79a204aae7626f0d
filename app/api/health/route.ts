import { sql } from "kysely";
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import packageJson from "@/package.json";

// GET /api/health – the version and whether the database answers (for load balancers and test harnesses)
export async function GET() {
  let database: "ok" | "unreachable" = "ok";
  try {
    await sql`select 1`.execute(await db());
  } catch {
    database = "unreachable";
  }
  return NextResponse.json(
    { status: database === "ok" ? "ok" : "degraded", version: packageJson.version, database },
    { status: database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
