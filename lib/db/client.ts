import "server-only";
import type { Kysely } from "kysely";
import { env, sqlitePath } from "@/lib/env";
import { openDatabase } from "./open";
import type { Database } from "./schema";

// One connection per server process; Next may evaluate this module in several bundles, so the
// promise lives on globalThis.
const holder = globalThis as typeof globalThis & { __identifyConsoleDb?: Promise<Kysely<Database>> };

export function db(): Promise<Kysely<Database>> {
  holder.__identifyConsoleDb ??= openDatabase(sqlitePath(env()));
  return holder.__identifyConsoleDb;
}
