import { NextResponse } from "next/server";
import { databaseHealth } from "@/lib/db/health";
import packageJson from "@/package.json";

// GET /api/health – the version and whether the database answers and takes writes (for load balancers and
// test harnesses); a database that reads but refused the last history write is "failing", with the reason
export async function GET() {
  const { database, reason } = await databaseHealth();
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
