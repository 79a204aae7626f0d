import type { IdentifyFormValues, Identifies } from "@/lib/identify/schema";
import type { ProfileDiff } from "./diff";
import { typeDrift, type TypeDrift } from "./drift";
import type { RegistryEntry } from "./types";

// What the Identify form does with a diff and the type registry: which rows drift, and the values without
// the rows that change nothing.

/** Every row of a send whose type differs from the one its name was established as, in form order. */
export function formDrifts(registry: readonly RegistryEntry[], values: IdentifyFormValues, identifies: Identifies): TypeDrift[] {
  const groups = [
    ...(identifies === "user" ? [{ group: "user" as const, rows: values.properties }] : []),
    // Company rows go only with a company id (the form refuses them without one).
    ...(values.companyId !== "" ? [{ group: "company" as const, rows: values.companyProperties }] : []),
  ];
  return groups.flatMap(({ group, rows }) => {
    const seen = new Set<string>();
    return rows.flatMap((row) => {
      if (row.name === "" || seen.has(row.name)) return [];
      seen.add(row.name);
      const drift = typeDrift(registry, group, row.name, row.type);
      return drift ? [drift] : [];
    });
  });
}

/** "Send only changes": the values without the rows the diff found unchanged (Userpilot advises it). */
export function withoutUnchanged(values: IdentifyFormValues, diff: ProfileDiff): IdentifyFormValues {
  const keep = (rows: IdentifyFormValues["properties"], unchanged: ProfileDiff["user"]["unchanged"]) => {
    const drop = new Set(unchanged.map((entry) => entry.row));
    return rows.filter((_row, index) => !drop.has(index));
  };
  return {
    ...values,
    properties: keep(values.properties, diff.user.unchanged),
    companyProperties: keep(values.companyProperties, diff.company.unchanged),
  };
}

/** How many rows "Send only changes" would drop. */
export const unchangedCount = (diff: ProfileDiff) => diff.user.unchanged.length + diff.company.unchanged.length;
