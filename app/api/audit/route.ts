import { NextResponse } from "next/server";
import { listAudit } from "@/lib/audit/audit-log";
import { guarded } from "@/lib/auth/guard";

// GET /api/audit – the latest administrative changes, newest first
export const GET = guarded("audit:read", async () => NextResponse.json({ entries: await listAudit() }));
