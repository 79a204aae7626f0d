import { REDACTED } from "@/lib/history/redact";
import type { BulkJobPlan } from "./plan";

// The cells a job keeps for its results file follow HISTORY_REDACT_KEYS like its values: a column is masked
// in every row (skipped rows too) when its header is a masked name, or when it feeds a masked property on
// some row (a renamed column: its cell is the property's value, as the page keeps every value as its text).

const lower = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()));

/** Indexes of the columns to mask in this plan. */
export function maskedColumns(plan: BulkJobPlan, names: readonly string[]): Set<number> {
  const masked = lower(names);
  const columns = new Set<number>();
  plan.source.headers.forEach((header, index) => {
    if (masked.has(header.toLowerCase())) columns.add(index);
  });
  if (masked.size === 0) return columns;
  for (const row of plan.rows) {
    const properties = "userId" in row.values ? [...row.values.properties, ...row.values.companyProperties] : row.values.companyProperties;
    for (const property of properties) {
      if (!masked.has(property.name.toLowerCase()) || property.value === "") continue;
      row.cells.forEach((cell, index) => {
        if (cell === property.value) columns.add(index);
      });
    }
  }
  return columns;
}

export function maskCells(cells: readonly string[], columns: ReadonlySet<number>): string[] {
  return cells.map((cell, index) => (columns.has(index) && cell !== "" ? REDACTED : cell));
}
