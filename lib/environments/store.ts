import "server-only";
import { randomUUID } from "node:crypto";
import { appSecret } from "@/lib/auth/app-secret";
import { db } from "@/lib/db/client";
import type { EnvironmentsTable } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { inAppSandboxKey } from "@/lib/sandbox/in-app-key";
import { REGION_HOSTS } from "@/lib/userpilot/protocol";
import { decryptApiKey, encryptApiKey, isLegacySealed, resealLegacyApiKey } from "./key-cipher";
import { normalizeBaseUrl } from "./key-format";
import { liveTarget, sandboxTarget } from "./target";
import { ENV_VARIABLE_ID, SANDBOX_ID, type EnvironmentInput, type EnvironmentSummary } from "./types";

export type ResolvedEnvironment = {
  summary: EnvironmentSummary;
  baseUrl: string;
  apiKey: string;
  /** The sandbox this app serves itself, whose store the server can read without an HTTP hop. */
  builtInSandbox: boolean;
};

const DEFAULT_SETTING = "default_environment_id";

/** Where a row's key goes, normalized: also the address its key is sealed for. */
function storedBaseUrl(row: Pick<EnvironmentsTable, "region" | "base_url">): string {
  if (row.region === "custom" && row.base_url) return normalizeBaseUrl(row.base_url);
  return REGION_HOSTS[row.region === "eu" ? "eu" : "us"];
}

function readKey(row: EnvironmentsTable): string | undefined {
  try {
    return decryptApiKey(row.key_ciphertext, appSecret(), storedBaseUrl(row));
  } catch {
    return undefined;
  }
}

function storedLabel(row: Pick<EnvironmentsTable, "name" | "region">): string {
  return row.region === "custom" ? `${row.name} · Custom` : `${row.name} · ${row.region.toUpperCase()}`;
}

/**
 * Environments the configuration brings: the sandbox (unless SANDBOX=off, even without a real key: then
 * there may be none, and sends say so) and the USERPILOT_API_KEY one.
 */
function configured(): ResolvedEnvironment[] {
  const config = env();
  const list: ResolvedEnvironment[] = [];
  const fromVariables = liveTarget(config);
  if (config.SANDBOX === "on") {
    const sandbox = sandboxTarget(config);
    list.push({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey ?? inAppSandboxKey(),
      builtInSandbox: sandbox.builtIn,
      summary: {
        id: SANDBOX_ID,
        name: "Sandbox",
        kind: "sandbox",
        region: "sandbox",
        baseUrl: sandbox.baseUrl,
        isProduction: false,
        keyLast4: null,
        keyUnreadable: false,
        isDefault: false,
        label: "Sandbox",
      },
    });
  }
  if (fromVariables) {
    list.push({
      baseUrl: fromVariables.baseUrl,
      apiKey: fromVariables.apiKey,
      builtInSandbox: false,
      summary: {
        id: ENV_VARIABLE_ID,
        name: fromVariables.label,
        kind: "env",
        region: config.USERPILOT_API_URL ? "custom" : config.USERPILOT_REGION,
        baseUrl: fromVariables.baseUrl,
        isProduction: true,
        keyLast4: fromVariables.apiKey.slice(-4),
        keyUnreadable: false,
        isDefault: false,
        label: fromVariables.label,
      },
    });
  }
  return list;
}

type Snapshot = { rows: EnvironmentsTable[]; chosenDefault: string | undefined; unreadable: Set<string> };

// Every send resolves its environment, and environments change only through this module: they are read
// once and kept until a write here. (One server process per database, as SQLite implies.)
const holder = globalThis as typeof globalThis & { __identifyConsoleEnvironments?: Promise<Snapshot> };

function snapshot(): Promise<Snapshot> {
  holder.__identifyConsoleEnvironments ??= (async () => {
    const database = await db();
    const rows = await database.selectFrom("environments").selectAll().orderBy("name").execute();
    const chosen = await database
      .selectFrom("settings")
      .select("value")
      .where("name", "=", DEFAULT_SETTING)
      .executeTakeFirst();
    const unreadable = new Set(rows.filter((row) => readKey(row) === undefined).map((row) => row.id));
    return { rows, chosenDefault: chosen?.value, unreadable };
  })().catch((error: unknown) => {
    holder.__identifyConsoleEnvironments = undefined;
    throw error;
  });
  return holder.__identifyConsoleEnvironments;
}

function forgetSnapshot(): void {
  holder.__identifyConsoleEnvironments = undefined;
}

async function storedRows() {
  return (await snapshot()).rows;
}

function summarize(row: EnvironmentsTable, unreadable: ReadonlySet<string> = new Set()): EnvironmentSummary {
  return {
    id: row.id,
    name: row.name,
    kind: "stored",
    region: row.region === "eu" ? "eu" : row.region === "custom" ? "custom" : "us",
    baseUrl: storedBaseUrl(row),
    isProduction: row.is_production === 1,
    keyLast4: row.key_last4,
    keyUnreadable: unreadable.has(row.id),
    isDefault: false,
    label: storedLabel(row),
  };
}

/** Every environment a send can go to, the default marked: the chosen one, else the variable key's, else the sandbox. */
export async function listEnvironments(): Promise<EnvironmentSummary[]> {
  const { rows, unreadable, chosenDefault } = await snapshot();
  const all = [...configured().map((entry) => entry.summary), ...rows.map((row) => summarize(row, unreadable))];
  const chosen = { value: chosenDefault };
  const fallback = all.find((entry) => entry.kind === "env") ?? all[0];
  const defaultId = all.some((entry) => entry.id === chosen?.value) ? chosen?.value : fallback?.id;
  return all.map((entry) => ({ ...entry, isDefault: entry.id === defaultId }));
}

export const KEY_UNREADABLE = "key_unreadable";

/**
 * The environment a send goes to, with its key: server-side only, never returned to a browser.
 * KEY_UNREADABLE when its stored key does not open (another APP_SECRET, or the row was moved to another URL).
 */
export async function resolveEnvironment(
  id: string | null | undefined,
): Promise<ResolvedEnvironment | typeof KEY_UNREADABLE | undefined> {
  const summaries = await listEnvironments();
  const summary = id
    ? summaries.find((entry) => entry.id === id)
    : summaries.find((entry) => entry.isDefault);
  if (!summary) return undefined;
  const fromConfig = configured().find((entry) => entry.summary.id === summary.id);
  if (fromConfig) return { ...fromConfig, summary };
  const row = (await storedRows()).find((entry) => entry.id === summary.id);
  if (!row) return undefined;
  const apiKey = readKey(row);
  return apiKey === undefined
    ? KEY_UNREADABLE
    : { summary, baseUrl: storedBaseUrl(row), apiKey, builtInSandbox: false };
}

/** Names of the stored environments whose key does not open with the current APP_SECRET and URL. */
export async function unreadableEnvironmentNames(): Promise<string[]> {
  const { rows, unreadable } = await snapshot();
  return rows.filter((row) => unreadable.has(row.id)).map((row) => row.name);
}

/**
 * Keys sealed before they were bound to their base URL ("v1") are re-sealed bound to the URL their row has
 * now. Runs at start; a v1 key that does not open with this APP_SECRET is left as it is (and unreadable).
 */
export async function resealLegacyKeys(): Promise<number> {
  const database = await db();
  const rows = await database.selectFrom("environments").selectAll().execute();
  let resealed = 0;
  for (const row of rows.filter((entry) => isLegacySealed(entry.key_ciphertext))) {
    let sealed: string;
    try {
      sealed = resealLegacyApiKey(row.key_ciphertext, appSecret(), storedBaseUrl(row));
    } catch {
      continue;
    }
    await database
      .updateTable("environments")
      .set({ key_ciphertext: sealed })
      .where("id", "=", row.id)
      .where("key_ciphertext", "=", row.key_ciphertext)
      .execute();
    resealed++;
  }
  forgetSnapshot();
  return resealed;
}

export async function createEnvironment(input: EnvironmentInput): Promise<EnvironmentSummary> {
  const now = Date.now();
  const place = { region: input.region, base_url: input.region === "custom" ? input.baseUrl : null };
  const row: EnvironmentsTable = {
    id: randomUUID(),
    name: input.name,
    ...place,
    is_production: input.isProduction ? 1 : 0,
    key_ciphertext: encryptApiKey(input.apiKey, appSecret(), storedBaseUrl(place)),
    key_last4: input.apiKey.slice(-4),
    created_at: now,
    updated_at: now,
  };
  await (await db()).insertInto("environments").values(row).execute();
  forgetSnapshot();
  return summarize(row);
}

export type UpdateResult =
  | { kind: "updated"; rotated: boolean; fromUrl: string; toUrl: string }
  | { kind: "key_required" }
  | { kind: "not_found" };

/**
 * Updates an environment; an empty apiKey keeps the stored one, but only at the same address: a key is
 * never sent to a new URL unless whoever changed the URL entered it again.
 */
export async function updateEnvironment(id: string, input: EnvironmentInput): Promise<UpdateResult> {
  const database = await db();
  const current = await database.selectFrom("environments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!current) return { kind: "not_found" };
  const place = { region: input.region, base_url: input.region === "custom" ? input.baseUrl : null };
  const fromUrl = storedBaseUrl(current);
  const toUrl = storedBaseUrl(place);
  const rotated = input.apiKey.length > 0;
  if (!rotated && fromUrl !== toUrl) return { kind: "key_required" };
  const result = await database
    .updateTable("environments")
    .set({
      name: input.name,
      ...place,
      is_production: input.isProduction ? 1 : 0,
      updated_at: Date.now(),
      ...(rotated
        ? { key_ciphertext: encryptApiKey(input.apiKey, appSecret(), toUrl), key_last4: input.apiKey.slice(-4) }
        : {}),
    })
    .where("id", "=", id)
    // The address checked above is the one changed: a concurrent move makes this update miss, not misbind.
    .where("region", "=", current.region)
    .where("base_url", "is not distinct from", current.base_url)
    .executeTakeFirst();
  forgetSnapshot();
  return Number(result.numUpdatedRows) === 1 ? { kind: "updated", rotated, fromUrl, toUrl } : { kind: "not_found" };
}

export async function deleteEnvironment(id: string): Promise<boolean> {
  const result = await (await db()).deleteFrom("environments").where("id", "=", id).executeTakeFirst();
  forgetSnapshot();
  return Number(result.numDeletedRows) === 1;
}

export async function setDefaultEnvironment(id: string): Promise<boolean> {
  if (!(await listEnvironments()).some((entry) => entry.id === id)) return false;
  await (
    await db()
  )
    .insertInto("settings")
    .values({ name: DEFAULT_SETTING, value: id })
    .onConflict((oc) => oc.column("name").doUpdateSet({ value: id }))
    .execute();
  forgetSnapshot();
  return true;
}
