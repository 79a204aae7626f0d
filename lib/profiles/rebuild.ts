import "server-only";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { isPostgres } from "@/lib/db/dialect";
import type { Database } from "@/lib/db/schema";
import { recordedFormSchema } from "@/lib/identify/loose-form";
import { parseStoredJson } from "@/lib/history/stored-json";
import type { AcceptedSend } from "./fold";
import { chunkKindOf, chunkSends } from "./chunk-sends";
import { ProfileFold } from "./fold-memory";
import { clearProfiles } from "./store";

// The known profiles from the history alone, for when the tables are lost or a live update failed: every
// accepted (2xx) send, in accepted order, folded in memory by the changes the live update writes (the tests
// hold the two to the same tables), then written in batches. The history
// keeps masked values, so a masked property comes back as "[redacted]" with the type it was sent as.

const BATCH = 1000;
// Rows per multi-row insert: 9 columns at most, well under SQLite's 32,766 bound parameters.
const INSERT_BATCH = 500;

// Identify Company's body is `{ company_id, metadata }`: a send's kind is read from its body on record.
const companyBody = z.object({ company_id: z.string() }).loose();

/** Rebuilds every known-profile table; answers how many sends were folded. */
export async function rebuildProfiles(database: Kysely<Database>): Promise<{ sends: number }> {
  let sends = 0;
  const fold = new ProfileFold();
  await database.transaction().execute(async (trx) => {
    await clearProfiles(trx);
    // Rows accepted in the same millisecond keep the order they were written in: SQLite's rowid; PostgreSQL
    // has none, so there the time each row was first written, then its id.
    const writeOrder = isPostgres(trx) ? sql<number>`created_at` : sql<number>`rowid`;
    let after: { at: number; seq: number; id: string } | null = null;
    for (;;) {
      let query = trx
        .selectFrom("requests")
        .select(["id", "updated_at", "sent_by", "environment_id", "source", "user_id", "form_values", "request_body", writeOrder.as("seq")])
        .where("status_code", ">=", 200)
        .where("status_code", "<=", 299)
        .where("environment_id", "is not", null)
        .orderBy("updated_at")
        .orderBy("seq")
        .orderBy("id")
        .limit(BATCH);
      if (after) {
        const { at, seq, id } = after;
        query = query.where(sql<boolean>`(updated_at, ${writeOrder}, id) > (${at}, ${seq}, ${id})`);
      }
      const rows = await query.execute();
      for (const row of rows) {
        // A bulk API chunk: its rows whose Userpilot job completed, in file order (see chunk-sends.ts).
        const chunk = chunkKindOf(row);
        if (chunk !== null && row.environment_id !== null) {
          for (const send of await chunkSends(trx, chunk, { ...row, environment_id: row.environment_id })) {
            fold.apply(send);
            sends += 1;
          }
          continue;
        }
        const send = acceptedSendOf(row);
        if (send) {
          fold.apply(send);
          sends += 1;
        }
      }
      if (rows.length < BATCH) break;
      const last = rows.at(-1);
      if (last) after = { at: last.updated_at, seq: last.seq, id: last.id };
    }
    const tables = fold.rows();
    await inBatches(tables.profile_users, (rows) => trx.insertInto("profile_users").values(rows).execute());
    await inBatches(tables.profile_companies, (rows) => trx.insertInto("profile_companies").values(rows).execute());
    await inBatches(tables.profile_properties, (rows) => trx.insertInto("profile_properties").values(rows).execute());
    await inBatches(tables.property_types, (rows) => trx.insertInto("property_types").values(rows).execute());
  });
  return { sends };
}

async function inBatches<R>(rows: readonly R[], write: (batch: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await write(rows.slice(i, i + INSERT_BATCH));
}

type StoredRow = {
  id: string;
  updated_at: number;
  sent_by: string | null;
  environment_id: string | null;
  form_values: string;
  request_body: string;
};

function acceptedSendOf(row: StoredRow): AcceptedSend | undefined {
  const values = recordedFormSchema.safeParse(parseStoredJson(row.form_values));
  if (!values.success || row.environment_id === null) return undefined;
  const body = parseStoredJson(row.request_body);
  const identifies = companyBody.safeParse(body).success && !hasUserId(body) ? "company" : "user";
  return {
    environmentId: row.environment_id,
    historyId: row.id,
    acceptedAt: row.updated_at,
    sentBy: row.sent_by,
    identifies,
    values: values.data,
  };
}

const hasUserId = (body: unknown) => typeof body === "object" && body !== null && "user_id" in body;
