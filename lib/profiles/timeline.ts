import "server-only";
import { db } from "@/lib/db/client";

// A profile page's timeline: the history rows of one user or company in one environment, newest first.
// Read-only, over the history's (environment_id, …) columns; the history store stays the one writer.

export type TimelineEntry = {
  id: string;
  createdAt: string;
  source: string;
  status: string;
  sentBy: string | null;
  userId: string;
  companyId: string | null;
  propertyCount: number;
};

export const TIMELINE_LIMIT = 200;

export async function sendsFor(
  environmentId: string,
  subject: { userId: string } | { companyId: string },
): Promise<TimelineEntry[]> {
  const database = await db();
  let query = database
    .selectFrom("requests")
    .select(["id", "created_at", "source", "status", "sent_by", "user_id", "company_id", "property_count"])
    .where("environment_id", "=", environmentId);
  query = "userId" in subject ? query.where("user_id", "=", subject.userId) : query.where("company_id", "=", subject.companyId);
  const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(TIMELINE_LIMIT).execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    source: row.source,
    status: row.status,
    sentBy: row.sent_by,
    userId: row.user_id,
    companyId: row.company_id,
    propertyCount: row.property_count,
  }));
}
