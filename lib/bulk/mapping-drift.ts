import { typeDrift, type TypeDrift } from "@/lib/profiles/drift";
import type { RegistryEntry } from "@/lib/profiles/types";
import { propertyColumns, type BulkMapping } from "./mapping";

// The bulk check's type drift: the Identify form's warning, per mapped column instead of per row.

/** Each property column whose type differs from the one its name was established as, by file column. */
export function mappingDrifts(registry: readonly RegistryEntry[], mapping: BulkMapping): Map<number, TypeDrift> {
  const group = mapping.kind === "users" ? "user" : "company";
  const drifts = new Map<number, TypeDrift>();
  for (const index of propertyColumns(mapping)) {
    const column = mapping.columns[index];
    if (!column || column.type === "skip" || column.name === "") continue;
    const drift = typeDrift(registry, group, column.name, column.type);
    if (drift) drifts.set(index, drift);
  }
  return drifts;
}
