import "server-only";
import { serverId } from "@/lib/db/server-presence";
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely, Transaction } from "kysely";
import { db } from "@/lib/db/client";
import { isPostgres } from "@/lib/db/dialect";
import { GroupCommit, type GroupWriter } from "@/lib/db/group-commit";
import { rowValues, StatementShapes } from "@/lib/db/statement-shapes";
import type { Database, RequestsTable } from "@/lib/db/schema";
import { noteWriteFailed, noteWriteSucceeded, storageFailure } from "@/lib/db/write-health";
import { statusKind } from "@/lib/outcome/status";
import type { AttemptRecord } from "@/lib/userpilot/client";
import type { Redacted } from "./redact";

export type RequestSource = "form" | "replay" | "bulk";

export type NewRequest = {
  environment: string;
  environmentId: string | null;
  sentBy: string | null;
  source: RequestSource;
  replayOf: string | null;
  userId: string;
  companyId: string | null;
  propertyCount: number;
  formValues: Redacted<object>;
  requestBody: Redacted<object> | null;
  /** The bulk job that sends it. */
  jobId?: string | null;
};

/** The history can't be written (the database is full, read-only or locked): the reason in words. */
export class HistoryUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The history can't be written: ${reason}`);
    this.name = "HistoryUnavailableError";
  }
}

async function writing<T>(work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    noteWriteSucceeded();
    return result;
  } catch (error) {
    const reason = storageFailure(error);
    if (reason === undefined) throw error;
    noteWriteFailed(reason);
    throw new HistoryUnavailableError(reason);
  }
}

/**
 * Writes a request's row (masked: see record-request.ts, its one caller); HistoryUnavailableError when it
 * can't be written. On SQLite, rows that arrive together are inserted together (group commit, see writerFor()).
 */
export async function insertRequest(request: NewRequest, status: "pending" | "rejected", errorMessage: Redacted<string> | null) {
  const id = randomUUID();
  const now = Date.now();
  const database = await db();
  await rowWriter(database).write({
    id,
    created_at: now,
    updated_at: now,
    environment: request.environment,
    environment_id: request.environmentId,
    sent_by: request.sentBy,
    source: request.source,
    replay_of: request.replayOf,
    user_id: request.userId,
    company_id: request.companyId,
    property_count: request.propertyCount,
    form_values: JSON.stringify(request.formValues),
    request_body: JSON.stringify(request.requestBody),
    status,
    outcome: statusKind(status),
    attempts: "[]",
    error_message: errorMessage,
    job_id: request.jobId ?? null,
    server_id: serverId(),
  });
  return id;
}

type Writer<T> = Pick<GroupCommit<T>, "write">;

const insertShapes = new StatementShapes("the history's row insert");

const insert = async (database: Kysely<Database>, rows: Insertable<RequestsTable>[]) => {
  await database.executeQuery(
    insertShapes.compiled(database, rows.length, rowValues(rows), () => database.insertInto("requests").values(rows)),
  );
};

const rowWriters = new WeakMap<Kysely<Database>, Writer<Insertable<RequestsTable>>>();

const rowWriter = (database: Kysely<Database>) =>
  writerFor(rowWriters, database, () => ({
    // One statement: all of the group's rows, or none.
    all: async (rows) => {
      await insert(database, rows);
      noteWriteSucceeded();
    },
    one: (row) => writing(() => insert(database, [row])),
  }));

/**
 * The database's writer, made once: group commit on SQLite, where every write holds the one connection.
 * PostgreSQL writes over a pool, side by side: one group at a time would queue the sends behind each other's
 * round trips (bench:route on PostgreSQL: 118 → 103-108 req/s), so there each write goes at once, on its own.
 */
function writerFor<T>(
  writers: WeakMap<Kysely<Database>, Writer<T>>,
  database: Kysely<Database>,
  make: () => GroupWriter<T>,
): Writer<T> {
  let made = writers.get(database);
  if (!made) {
    const writer = make();
    made = isPostgres(database) ? { write: writer.one } : new GroupCommit(writer);
    writers.set(database, made);
  }
  return made;
}

export type RecordedOutcome = {
  status: string;
  statusCode: number | null;
  responseBody: Redacted<string> | null;
  upstreamRequestId: string | null;
  latencyMs: number;
  attempts: AttemptRecord[];
  errorMessage: string | null;
};

/**
 * Other tables' writes that belong with outcomes (the known profile of an accepted send), gathered for one
 * transaction by the function that writes them, so a group of outcomes writes each table once.
 */
export class AlongsideWrites {
  readonly #lists = new Map<unknown, { items: unknown[]; writeIn: (trx: Transaction<Database>) => Promise<void> }>();

  add<T>(writeAll: (trx: Transaction<Database>, items: T[]) => Promise<void>, item: T): void {
    const list = this.#lists.get(writeAll);
    if (list) {
      list.items.push(item);
      return;
    }
    const items: T[] = [item];
    this.#lists.set(writeAll, { items, writeIn: (trx) => writeAll(trx, items) });
  }

  async writeIn(trx: Transaction<Database>): Promise<void> {
    for (const list of this.#lists.values()) await list.writeIn(trx);
  }
}

/**
 * Another table's write that belongs with an outcome: done in the outcome's transaction, one commit for both.
 * If it fails, the outcome is written alone and `failed` hears why.
 */
export type WrittenAlongside = {
  addTo: (writes: AlongsideWrites, recordedAt: number) => void;
  failed: (error: unknown) => void;
};

type OutcomeWrite = { id: string; outcome: RecordedOutcome; alongside?: WrittenAlongside; recordedAt: number };

/**
 * Writes what came back (masked: see record-request.ts) and returns when (the row's updated_at);
 * HistoryUnavailableError when it can't. On SQLite, outcomes that arrive together are written together (group commit).
 */
export async function writeOutcome(id: string, outcome: RecordedOutcome, alongside?: WrittenAlongside): Promise<number> {
  const database = await db();
  const recordedAt = Date.now();
  await outcomeWriter(database).write({ id, outcome, alongside, recordedAt });
  return recordedAt;
}

const outcomeWriters = new WeakMap<Kysely<Database>, Writer<OutcomeWrite>>();

const outcomeWriter = (database: Kysely<Database>) =>
  writerFor(outcomeWriters, database, () => ({
    all: (writes) => writeOutcomes(database, writes),
    one: (write) => writeOneOutcome(database, write),
  }));

/** Several outcomes and what goes with them in one transaction; if anything fails, each is written alone. */
async function writeOutcomes(database: Kysely<Database>, writes: OutcomeWrite[]): Promise<void> {
  await database.transaction().execute(async (trx) => {
    const alongside = new AlongsideWrites();
    for (const write of writes) {
      await updateOutcome(trx, write);
      write.alongside?.addTo(alongside, write.recordedAt);
    }
    await alongside.writeIn(trx);
  });
  noteWriteSucceeded();
}

async function writeOneOutcome(database: Kysely<Database>, write: OutcomeWrite): Promise<void> {
  const { alongside } = write;
  if (alongside) {
    try {
      await database.transaction().execute(async (trx) => {
        await updateOutcome(trx, write);
        const writes = new AlongsideWrites();
        alongside.addTo(writes, write.recordedAt);
        await writes.writeIn(trx);
      });
      noteWriteSucceeded();
      return;
    } catch (error) {
      // Rolled back: the outcome alone (HistoryUnavailableError if even that can't be written), then the news.
      await writing(() => updateOutcome(database, write));
      alongside.failed(error);
      return;
    }
  }
  await writing(() => updateOutcome(database, write));
}

const outcomeShapes = new StatementShapes("the history's outcome update");

function updateOutcome(writer: Kysely<Database> | Transaction<Database>, { id, outcome, recordedAt }: OutcomeWrite) {
  const set = {
    updated_at: recordedAt,
    status: outcome.status,
    outcome: statusKind(outcome.status),
    status_code: outcome.statusCode,
    response_body: outcome.responseBody,
    upstream_request_id: outcome.upstreamRequestId,
    latency_ms: outcome.latencyMs,
    attempts: JSON.stringify(outcome.attempts),
    error_message: outcome.errorMessage,
  };
  return writer.executeQuery(
    outcomeShapes.compiled(writer, 1, [...rowValues([set]), id], () =>
      writer.updateTable("requests").set(set).where("id", "=", id),
    ),
  );
}
