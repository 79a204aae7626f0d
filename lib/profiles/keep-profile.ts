import "server-only";
import pg from "pg";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Identifies } from "@/lib/history/record-request";
import { redactFormValues } from "@/lib/history/redact";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import type { SendOutcome } from "@/lib/outcome/schema";
import { isAccepted } from "./fold";
import { chunkSends, type ChunkKind } from "./chunk-sends";
import { applySend, writeSend } from "./store";

/** What failed, without the message (it may quote values): the error's class, or PostgreSQL's SQLSTATE (its errors are all named "error"). */
function errorKind(error: unknown): string {
  if (error instanceof pg.DatabaseError) return `PostgreSQL error ${error.code ?? "without a code"}`;
  return error instanceof Error ? error.name : "unknown error";
}

type KeepContext = { environment: { summary: { id: string } }; sentBy: string | null; identifies?: Identifies };

/**
 * After a send's outcome is on record: an accepted (2xx) send is folded into the known profiles and the type
 * registry, masked as the history keeps it, so `npm run profiles:rebuild` arrives at the same tables. Never
 * throws: the send already happened and its answer stands; a failure is logged (ids only, no values) and
 * the rebuild repairs it.
 */
export async function keepKnownProfile(
  values: IdentifyFormValues,
  context: KeepContext,
  outcome: Pick<SendOutcome, "historyId" | "httpStatus" | "notRecorded">,
): Promise<void> {
  // An outcome the history could not record is not in the history either: the rebuild would not see it.
  if (!isAccepted(outcome.httpStatus) || outcome.notRecorded !== undefined) return;
  try {
    const database = await db();
    // Accepted at the outcome's time on record, the order the rebuild folds in.
    const row = await database
      .selectFrom("requests")
      .select("updated_at")
      .where("id", "=", outcome.historyId)
      .executeTakeFirst();
    if (!row) return;
    await applySend(database, {
      environmentId: context.environment.summary.id,
      historyId: outcome.historyId,
      acceptedAt: row.updated_at,
      sentBy: context.sentBy,
      identifies: context.identifies ?? "user",
      values: redactFormValues(values, env().HISTORY_REDACT_KEYS),
    });
  } catch (error) {
    console.error(
      `[profiles] the known profile was not updated for history row ${outcome.historyId} ` +
        `(${errorKind(error)}); npm run profiles:rebuild repairs it`,
    );
  }
}

/**
 * After Userpilot's job for a bulk API chunk completed and its rows are marked sent: each row is folded as an
 * accepted send of the chunk's history row, in file order, in one transaction. Never throws, like the above:
 * the job's rows stay sent, and the rebuild repairs the tables.
 */
export async function keepBulkChunk(historyId: string, kind: ChunkKind): Promise<void> {
  try {
    const database = await db();
    const chunk = await database
      .selectFrom("requests")
      .select(["id", "environment_id", "updated_at", "sent_by", "status_code"])
      .where("id", "=", historyId)
      .executeTakeFirst();
    if (!chunk || chunk.environment_id === null || !isAccepted(chunk.status_code)) return;
    const sends = await chunkSends(database, kind, { ...chunk, environment_id: chunk.environment_id });
    await database.transaction().execute(async (trx) => {
      for (const send of sends) await writeSend(trx, send);
    });
  } catch (error) {
    console.error(
      `[profiles] the known profiles were not updated for bulk history row ${historyId} ` +
        `(${errorKind(error)}); npm run profiles:rebuild repairs it`,
    );
  }
}
