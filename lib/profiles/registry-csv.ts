import "server-only";
import { stringify } from "csv-stringify/sync";
import type { RegistryEntry } from "./types";

const HEADER = ["group", "name", "established", "string", "numeric", "date", "total"];

/** The registry as CSV; a name that starts like a formula is escaped, as in the history export. */
export function registryCsv(entries: readonly RegistryEntry[]): string {
  const records = entries.map((entry) => [
    entry.group,
    entry.name,
    entry.established,
    entry.types.string ?? 0,
    entry.types.numeric ?? 0,
    entry.types.date ?? 0,
    entry.total,
  ]);
  return stringify([HEADER, ...records], { escape_formulas: true });
}
