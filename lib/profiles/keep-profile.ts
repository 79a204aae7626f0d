import "server-only";
import pg from "pg";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Identifies } from "@/lib/history/record-request";
import { redactFormValues } from "@/lib/history/redact";
import type { WrittenAlongside } from "@/lib/history/store";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import type { SendOutcome } from "@/lib/outcome/schema";
import { isAccepted } from "./fold";
import { chunkSends, type ChunkKind } from "./chunk-sends";
import { writeSends } from "./store";

/** What failed, without the message (it may quote values): the error's class, or PostgreSQL's SQLSTATE (its errors are all named "error"). */
function errorKind(error: unknown): string {
  if (error instanceof pg.DatabaseError) return `PostgreSQL error ${error.code ?? "without a code"}`;
  return error instanceof Error ? error.name : "unknown error";
}

type KeepContext = { environment: { summary: { id: string } }; sentBy: string | null; identifies?: Identifies };

/**
 * With a send's outcome: an accepted (2xx) send is folded into the known profiles and the type registry,
 * masked as the history keeps it and at the outcome's time on record (the order the rebuild folds in), so
 * `npm run profiles:rebuild` arrives at the same tables. Written in the outcome's transaction (one commit for
 * a send, or for the group of sends whose outcomes arrive together: see writeOutcome). A failure never fails
 * the send: the outcome is recorded alone, the answer stands, the failure is logged (ids only, no values) and
 * the rebuild repairs it. Undefined when there is nothing to keep.
 */
export function knownProfileUpkeep(
  values: IdentifyFormValues,
  context: KeepContext,
  outcome: Pick<SendOutcome, "historyId" | "httpStatus">,
): WrittenAlongside | undefined {
  if (!isAccepted(outcome.httpStatus)) return undefined;
  return {
    addTo: (writes, recordedAt) =>
      writes.add(writeSends, {
        environmentId: context.environment.summary.id,
        historyId: outcome.historyId,
        acceptedAt: recordedAt,
        sentBy: context.sentBy,
        identifies: context.identifies ?? "user",
        values: redactFormValues(values, env().HISTORY_REDACT_KEYS),
      }),
    failed: (error) =>
      console.error(
        `[profiles] the known profile was not updated for history row ${outcome.historyId} ` +
          `(${errorKind(error)}); npm run profiles:rebuild repairs it`,
      ),
  };
}

/**
 * After Userpilot's job for a bulk API chunk completed and its rows are marked sent: each row is folded as an
 * accepted send of the chunk's history row, in file order, in one transaction (one statement per table). Never throws, like the above:
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
    await database.transaction().execute((trx) => writeSends(trx, sends));
  } catch (error) {
    console.error(
      `[profiles] the known profiles were not updated for bulk history row ${historyId} ` +
        `(${errorKind(error)}); npm run profiles:rebuild repairs it`,
    );
  }
}
