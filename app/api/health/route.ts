import { NextResponse } from "next/server";
import { databaseHealth } from "@/lib/db/health";
import packageJson from "@/package.json";

// GET /api/health – the version, whether the database answers and takes writes (for load balancers and
// test harnesses; a database that reads but refused the last history write is "failing", with the reason),
// its kind and whether its migrations match this build's (during a rolling deploy an older server reads
// "ahead" and keeps serving: migrations are additive, so the status code stays the database's)
export async function GET() {
  const { database, reason, kind, migrations } = await databaseHealth();
  return NextResponse.json(
    {
      status: database === "ok" ? "ok" : "degraded",
      version: packageJson.version,
      database,
      ...(reason === null ? {} : { reason }),
      databaseKind: kind,
      ...(migrations === null ? {} : { migrations }),
    },
    { status: database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
