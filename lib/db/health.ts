import "server-only";
import { sql } from "kysely";
import { db } from "./client";
import { lastWriteFailure } from "./write-health";

type DatabaseHealth = { database: "ok" | "unreachable" | "failing"; reason: string | null };

/** Whether the database answers and took the last history write; "failing" carries the reason in words. */
export async function databaseHealth(): Promise<DatabaseHealth> {
  try {
    await sql`select 1`.execute(await db());
  } catch {
    return { database: "unreachable", reason: null };
  }
  const reason = lastWriteFailure();
  return { database: reason === null ? "ok" : "failing", reason };
}
