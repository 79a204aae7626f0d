import { buildIdentifyPayload, type IdentifyPayload } from "@/lib/identify/payload";
import { identifyFormSchema, type IdentifyFormValues } from "@/lib/identify/schema";
import { buildCompanyPayload, type CompanyPayload } from "@/lib/identify/payload";
import { companyFormSchema, type CompanyFormValues } from "./company-values";
import type { SourceRow } from "./csv";
import { hasMappingProblems, mappingProblems, propertyColumns, type BulkMapping, type BulkKind } from "./mapping";
import { quickRowProblem } from "./quick-check";
import { columnOfIssue, rowValues, type RowValues } from "./row-values";

/** One reason a row can't be sent: where (the file's line, the column's header), the cell's text, and why. */
export type RowIssue = { line: number; column: string | null; value: string; reason: string };

export type InvalidRow = { line: number; cells: string[]; issues: RowIssue[] };

export type ValidUserRow = { line: number; cells: string[]; values: IdentifyFormValues };
export type ValidCompanyRow = { line: number; cells: string[]; values: CompanyFormValues };

/** An id on more than one valid row: all are sent, in file order, so the last line's values win. */
export type DuplicateId = { id: string; lines: number[] };

export type CheckResult =
  | (CheckCommon & { kind: "users"; valid: ValidUserRow[]; preview: IdentifyPayload[] })
  | (CheckCommon & { kind: "companies"; valid: ValidCompanyRow[]; preview: CompanyPayload[] });

type CheckCommon = {
  /** The valid rows' lines, in file order; `valid` (their values) is built on first use, for the job plan. */
  validLines: number[];
  invalid: InvalidRow[];
  duplicates: DuplicateId[];
};

export const PREVIEW_ROWS = 3;

/** Every row built into Identify values and validated with the Identify form's own schema. */
export function checkRows(headers: readonly string[], rows: readonly SourceRow[], mapping: BulkMapping): CheckResult {
  const columns = propertyColumns(mapping);
  // Property names are the same on every row: once they pass, a row's own cells decide (see quick-check.ts).
  const namesChecked = !hasMappingProblems(mappingProblems(mapping));
  const invalid: InvalidRow[] = [];
  const linesById = new Map<string, number[]>();
  // Only the valid rows' source rows are kept: their values are built again when a plan asks for them, so the
  // check's 100,000 rows of values die young instead of being carried through every collection (~30% of the check).
  const validSource: SourceRow[] = [];

  for (const row of rows) {
    if (row.problem) {
      invalid.push({ line: row.line, cells: row.cells, issues: [{ line: row.line, column: null, value: "", reason: row.problem }] });
      continue;
    }
    const built = rowValues(row.cells, mapping, columns);
    const suspect = !namesChecked || quickRowProblem(built);
    const result = !suspect
      ? undefined
      : built.kind === "users"
        ? identifyFormSchema.safeParse(built.values)
        : companyFormSchema.safeParse(built.values);
    if (result && !result.success) {
      const issues = result.error.issues.map((issue): RowIssue => {
        const column = columnOfIssue(issue.path, mapping, built.propertyColumns);
        return {
          line: row.line,
          column: column === null ? null : (headers[column] ?? null),
          value: column === null ? "" : (row.cells[column] ?? ""),
          reason: issue.message,
        };
      });
      invalid.push({ line: row.line, cells: row.cells, issues });
      continue;
    }
    const id = built.kind === "users" ? built.values.userId : built.values.companyId;
    const lines = linesById.get(id);
    if (lines) lines.push(row.line);
    else linesById.set(id, [row.line]);
    validSource.push(row);
  }

  const duplicates = [...linesById].filter(([, lines]) => lines.length > 1).map(([id, lines]) => ({ id, lines }));
  const validLines = validSource.map((row) => row.line);
  const common = { validLines, invalid, duplicates };
  if (mapping.kind === "users") {
    const build = (source: readonly SourceRow[]) =>
      source.map((row): ValidUserRow => ({ line: row.line, cells: row.cells, values: userValues(rowValues(row.cells, mapping, columns)) }));
    const valid = once(() => build(validSource));
    const preview = build(validSource.slice(0, PREVIEW_ROWS)).map((row) => buildIdentifyPayload(row.values));
    return { kind: "users", ...common, preview, get valid() { return valid(); } };
  }
  const build = (source: readonly SourceRow[]) =>
    source.map((row): ValidCompanyRow => ({ line: row.line, cells: row.cells, values: companyValues(rowValues(row.cells, mapping, columns)) }));
  const valid = once(() => build(validSource));
  const preview = build(validSource.slice(0, PREVIEW_ROWS)).map((row) => buildCompanyPayload(row.values));
  return { kind: "companies", ...common, preview, get valid() { return valid(); } };
}

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

// rowValues builds by the mapping's kind, so these only narrow; a mismatch would be a bug here, not bad input.
function userValues(row: RowValues): IdentifyFormValues {
  if (row.kind !== "users") throw new Error("A users mapping built a company row");
  return row.values;
}

function companyValues(row: RowValues): CompanyFormValues {
  if (row.kind !== "companies") throw new Error("A companies mapping built a user row");
  return row.values;
}

/**
 * What the page shows of a check: everything but the valid rows themselves, which stay in the worker until the
 * sync starts (copying 100,000 rows to the page would cost more than the check).
 */
export type CheckSummary = {
  kind: BulkKind;
  validCount: number;
  invalid: InvalidRow[];
  duplicates: DuplicateId[];
  preview: { line: number; payload: IdentifyPayload | CompanyPayload }[];
};

export function summarizeCheck(result: CheckResult): CheckSummary {
  const payloads: (IdentifyPayload | CompanyPayload)[] = result.preview;
  return {
    kind: result.kind,
    validCount: result.validLines.length,
    invalid: result.invalid,
    duplicates: result.duplicates,
    preview: payloads.map((payload, index) => ({ line: result.validLines[index] ?? 0, payload })),
  };
}

/** Rows that share an id with an earlier row: sent, but overwritten by nothing less than a later line. */
export const duplicateRowCount = (duplicates: readonly DuplicateId[]) =>
  duplicates.reduce((sum, duplicate) => sum + duplicate.lines.length - 1, 0);

export const kindNoun = (kind: BulkKind, count: number) =>
  kind === "users" ? (count === 1 ? "user" : "users") : count === 1 ? "company" : "companies";

/** A row's problems in one sentence, each after its column's header. */
export const rowReason = (row: InvalidRow) =>
  row.issues.map((issue) => (issue.column === null ? issue.reason : `${issue.column}: ${issue.reason}`)).join("; ");
