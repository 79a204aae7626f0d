import { z } from "zod";
import { propertyGroupIssues } from "@/lib/identify/group-rules";
import { MAX_PROPERTY_NAME_LENGTH } from "@/lib/identify/limits";
import { propertyNameProblem } from "@/lib/identify/text-rules";
import type { TypeSuggestion } from "./suggest-type";

export const BULK_KINDS = ["users", "companies"] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

export const COLUMN_TYPES = ["string", "numeric", "date", "skip"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const columnMappingSchema = z.object({
  name: z.string().max(MAX_PROPERTY_NAME_LENGTH * 4),
  type: z.enum(COLUMN_TYPES),
  /** An empty cell removes the property (sends null) instead of leaving it as it is. */
  emptyRemoves: z.boolean(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** How the file's columns become Identify values; columns are by position, one entry per header. */
export const bulkMappingSchema = z.object({
  kind: z.enum(BULK_KINDS),
  idColumn: z.number().int().min(0).nullable(),
  /** Users only: the column holding each user's company id. */
  companyColumn: z.number().int().min(0).nullable(),
  columns: z.array(columnMappingSchema),
});
export type BulkMapping = z.infer<typeof bulkMappingSchema>;

const USER_ID_HEADER = /^(user[ _-]?id|id)$/i;
const COMPANY_ID_HEADER = /^(company[ _-]?id)$/i;

export function defaultMapping(kind: BulkKind, headers: string[], suggestions: TypeSuggestion[]): BulkMapping {
  const find = (pattern: RegExp) => {
    const index = headers.findIndex((header) => pattern.test(header.trim()));
    return index === -1 ? null : index;
  };
  const companyColumn = find(COMPANY_ID_HEADER);
  return {
    kind,
    idColumn: kind === "users" ? find(USER_ID_HEADER) : (companyColumn ?? find(/^id$/i)),
    companyColumn: kind === "users" ? companyColumn : null,
    columns: headers.map((header, index) => ({
      name: header,
      type: suggestions[index]?.type ?? "string",
      emptyRemoves: false,
    })),
  };
}

/** A mapping read back from storage fits these headers: one entry per column and no column out of range. */
export function mappingFits(mapping: BulkMapping, headerCount: number): boolean {
  const inRange = (column: number | null) => column === null || column < headerCount;
  return mapping.columns.length === headerCount && inRange(mapping.idColumn) && inRange(mapping.companyColumn);
}

/** The columns that become properties, in file order. */
export function propertyColumns(mapping: BulkMapping): number[] {
  const columns: number[] = [];
  mapping.columns.forEach((column, index) => {
    if (index === mapping.idColumn || (mapping.kind === "users" && index === mapping.companyColumn)) return;
    if (column.type !== "skip") columns.push(index);
  });
  return columns;
}

export type MappingProblems = {
  idColumn?: string;
  companyColumn?: string;
  /** About the mapping as a whole, e.g. too many properties. */
  general?: string;
  names: Map<number, string>;
};

/** What is wrong with the mapping itself, with the same name rules as the Identify form, by column. */
export function mappingProblems(mapping: BulkMapping): MappingProblems {
  const problems: MappingProblems = { names: new Map() };
  const idLabel = mapping.kind === "users" ? "User ID column" : "Company ID column";
  if (mapping.idColumn === null) problems.idColumn = `Choose the ${idLabel.toLowerCase()}`;
  if (mapping.kind === "users" && mapping.companyColumn !== null && mapping.companyColumn === mapping.idColumn) {
    problems.companyColumn = "Choose another column than the user ID's";
  }
  const columns = propertyColumns(mapping);
  for (const index of columns) {
    const problem = propertyNameProblem(mapping.columns[index]?.name ?? "");
    if (problem) problems.names.set(index, problem);
  }
  const group = mapping.kind === "users" ? "user" : "company";
  for (const issue of propertyGroupIssues(group, columns.map((index) => ({ name: mapping.columns[index]?.name ?? "" })))) {
    const [row] = issue.path;
    const column = row === undefined ? undefined : columns[row];
    if (column !== undefined && !problems.names.has(column)) problems.names.set(column, issue.message);
    else if (column === undefined) problems.general ??= issue.message;
  }
  return problems;
}

export const hasMappingProblems = (problems: MappingProblems) =>
  problems.idColumn !== undefined ||
  problems.companyColumn !== undefined ||
  problems.general !== undefined ||
  problems.names.size > 0;
