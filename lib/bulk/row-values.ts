import type { PropertyRow } from "@/lib/identify/schema";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import type { CompanyFormValues } from "./company-values";
import { propertyColumns, type BulkMapping } from "./mapping";

export type RowValues =
  | { kind: "users"; values: IdentifyFormValues; propertyColumns: number[] }
  | { kind: "companies"; values: CompanyFormValues; propertyColumns: number[] };

/**
 * One file row as the values the Identify form would hold: still text, typed by the mapping. An empty cell
 * leaves the property out (left as it is upstream) unless its column says empty removes it.
 * `propertyColumns[i]` is the file column of property i, to point a problem back at its column.
 */
export function rowValues(cells: readonly string[], mapping: BulkMapping, columns = propertyColumns(mapping)): RowValues {
  const properties: PropertyRow[] = [];
  const used: number[] = [];
  for (const index of columns) {
    const column = mapping.columns[index];
    const value = cells[index] ?? "";
    if (!column || column.type === "skip") continue;
    if (value === "" && !column.emptyRemoves) continue;
    properties.push({ name: column.name, type: value === "" ? "remove" : column.type, value });
    used.push(index);
  }
  const cell = (index: number | null) => (index === null ? "" : (cells[index] ?? ""));
  if (mapping.kind === "companies") {
    return { kind: "companies", values: { companyId: cell(mapping.idColumn), companyProperties: properties }, propertyColumns: used };
  }
  return {
    kind: "users",
    values: { userId: cell(mapping.idColumn), properties, companyId: cell(mapping.companyColumn), companyProperties: [] },
    propertyColumns: used,
  };
}

/** The file column a validation issue's path points at, or null for a problem of the row as a whole. */
export function columnOfIssue(path: readonly PropertyKey[], mapping: BulkMapping, used: readonly number[]): number | null {
  const [field, index] = path;
  if (field === "userId") return mapping.idColumn;
  if (field === "companyId") return mapping.kind === "users" ? mapping.companyColumn : mapping.idColumn;
  if ((field === "properties" || field === "companyProperties") && typeof index === "number") return used[index] ?? null;
  return null;
}
