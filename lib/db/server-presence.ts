import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { z } from "zod";
import type { Database } from "./schema";

// Several servers on one PostgreSQL database: each holds a lock on its own name, on a connection of its
// own, for as long as it runs. When a server dies its connection closes and PostgreSQL lets the lock go, so
// another server can tell at once that the sends that server left pending will never be finished.
const PRESENCE_LOCK_CLASS = 0x1dc2;

type Holder = typeof globalThis & { __identifyConsoleServerId?: string; __identifyConsolePresence?: pg.Client };
const holder = globalThis as Holder;

/** This server process (host, process id, and a random part for reused ids): bulk job leases and pending sends name it. */
export function serverId(): string {
  holder.__identifyConsoleServerId ??= `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return holder.__identifyConsoleServerId;
}

/**
 * Takes this server's presence lock (PostgreSQL), on a connection kept open until the process ends; taken
 * again if that connection was lost.
 */
export async function announcePresence(databaseUrl: string): Promise<void> {
  if (holder.__identifyConsolePresence) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  const lost = () => {
    if (holder.__identifyConsolePresence === client) holder.__identifyConsolePresence = undefined;
  };
  client.on("error", (error) => {
    console.error(`PostgreSQL: this server's presence connection failed (${error.message}); taken again on the next sweep.`);
    lost();
  });
  client.on("end", lost);
  await client.connect();
  await client.query("select pg_advisory_lock($1, hashtext($2))", [PRESENCE_LOCK_CLASS, serverId()]);
  holder.__identifyConsolePresence = client;
}

const freeSchema = z.object({ free: z.boolean() });

/** Of these servers, the ones no longer running: nobody holds their presence lock. */
export async function serversGone(database: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  // Taken to look, and let go with the transaction at once.
  return database.transaction().execute(async (tx) => {
    const gone: string[] = [];
    for (const id of ids) {
      const result = await sql`select pg_try_advisory_xact_lock(${PRESENCE_LOCK_CLASS}, hashtext(${id})) as free`.execute(tx);
      if (freeSchema.parse(result.rows[0]).free) gone.push(id);
    }
    return gone;
  });
}

/** Lets the presence lock go (tests, which play several servers in one process). */
export async function endPresence(): Promise<void> {
  const client = holder.__identifyConsolePresence;
  holder.__identifyConsolePresence = undefined;
  await client?.end();
}
