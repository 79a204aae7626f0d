import "server-only";
import type { Kysely } from "kysely";
import { db } from "@/lib/db/client";
import type { Database, ProfilePropertiesTable } from "@/lib/db/schema";
import { REDACTED } from "@/lib/history/redact";
import { parseStoredJson } from "@/lib/history/stored-json";
import {
  KNOWN_VALUE_TYPES,
  type KnownCompanyProfile,
  type KnownUserProfile,
  type KnownValue,
  type KnownValueType,
  type ProfileGroup,
  type RegistryEntry,
} from "./types";

// Reads of the known profiles and the registry: small indexed lookups, never a fold over the history.

// Read back without a schema per row (500 rows per profile): the same checks, by hand.
const KNOWN_TYPES: ReadonlySet<string> = new Set(KNOWN_VALUE_TYPES);
const storedType = (type: string): KnownValueType => (KNOWN_TYPES.has(type) ? (type as KnownValueType) : "string");
function storedValue(json: string): string | number {
  const value = parseStoredJson(json);
  return typeof value === "string" || typeof value === "number" ? value : "";
}

async function propertiesOf(
  database: Kysely<Database>,
  environmentId: string,
  group: ProfileGroup,
  ownerId: string,
): Promise<Record<string, KnownValue>> {
  const rows = await database
    .selectFrom("profile_properties")
    .selectAll()
    .where("environment_id", "=", environmentId)
    .where("grp", "=", group)
    .where("owner_id", "=", ownerId)
    .orderBy("name")
    .execute();
  // Object.fromEntries defines own properties, so a property named "__proto__" stays a property.
  return Object.fromEntries(rows.map((row) => [row.name, knownValue(row)]));
}

function knownValue(row: ProfilePropertiesTable): KnownValue {
  const value = storedValue(row.value);
  return {
    value,
    type: storedType(row.type),
    changedAt: row.changed_at,
    changedBy: row.changed_by,
    historyId: row.history_id,
    masked: value === REDACTED,
  };
}

export async function readUserProfile(
  environmentId: string,
  userId: string,
  database?: Kysely<Database>,
): Promise<KnownUserProfile | null> {
  const source = database ?? (await db());
  const row = await source
    .selectFrom("profile_users")
    .selectAll()
    .where("environment_id", "=", environmentId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId,
    companyId: row.company_id,
    properties: await propertiesOf(source, environmentId, "user", userId),
    lastSentAt: row.last_sent_at,
    lastHistoryId: row.last_history_id,
  };
}

export async function readCompanyProfile(
  environmentId: string,
  companyId: string,
  database?: Kysely<Database>,
): Promise<KnownCompanyProfile | null> {
  const source = database ?? (await db());
  const row = await source
    .selectFrom("profile_companies")
    .selectAll()
    .where("environment_id", "=", environmentId)
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  if (!row) return null;
  const members = await source
    .selectFrom("profile_users")
    .select("user_id")
    .where("environment_id", "=", environmentId)
    .where("company_id", "=", companyId)
    .orderBy("user_id")
    .execute();
  return {
    companyId,
    properties: await propertiesOf(source, environmentId, "company", companyId),
    lastSentAt: row.last_sent_at,
    lastHistoryId: row.last_history_id,
    members: members.map((member) => member.user_id),
  };
}

/** Every property name of the environment with the types it was sent as, by group, then name. */
export async function readRegistry(environmentId: string, database?: Kysely<Database>): Promise<RegistryEntry[]> {
  const source = database ?? (await db());
  const rows = await source
    .selectFrom("property_types")
    .selectAll()
    .where("environment_id", "=", environmentId)
    .orderBy("grp")
    .orderBy("name")
    .orderBy("first_sent_at")
    .execute();
  const entries = new Map<string, RegistryEntry & { firstOfEstablished: number }>();
  for (const row of rows) {
    const group = row.grp === "company" ? "company" : "user";
    const type = storedType(row.type);
    const key = `${group}\u0000${row.name}`;
    const entry = entries.get(key) ?? {
      name: row.name,
      group,
      types: {},
      established: type,
      total: 0,
      firstOfEstablished: row.first_sent_at,
    };
    entry.types[type] = row.count;
    entry.total += row.count;
    const establishedCount = entry.types[entry.established] ?? 0;
    if (row.count > establishedCount || (row.count === establishedCount && row.first_sent_at < entry.firstOfEstablished)) {
      entry.established = type;
      entry.firstOfEstablished = row.first_sent_at;
    }
    entries.set(key, entry);
  }
  return [...entries.values()].map(({ firstOfEstablished: _first, ...entry }) => entry);
}
