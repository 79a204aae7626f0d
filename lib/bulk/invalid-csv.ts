import Papa from "papaparse";
import { rowReason, type InvalidRow } from "./check";

// A spreadsheet runs a cell starting with = + - @ (or a tab, a carriage return) as a formula: such a cell gets a
// leading '. A signed number (-3.5, +1e3) is left alone: this file is meant to be fixed and uploaded again.
const FORMULA = /^(?:[=@\t\r]|[+-](?!(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$))/;

/** Records as CSV lines (each ending in CRLF) for a file to fix and upload again, formulas defused. */
export function fixableCsvLines(records: readonly (readonly string[])[], delimiter = ","): string {
  if (records.length === 0) return "";
  return `${Papa.unparse(records.map((record) => [...record]), { delimiter, escapeFormulae: FORMULA, newline: "\r\n" })}\r\n`;
}

/** The invalid rows as CSV, to fix and upload again: the file's own columns, then its line and what is wrong. */
export function invalidRowsCsv(headers: readonly string[], rows: readonly InvalidRow[], delimiter = ","): string {
  return Papa.unparse(
    {
      fields: [...headers, "line", "reason"],
      data: rows.map((row) => [...headers.map((_, index) => row.cells[index] ?? ""), String(row.line), rowReason(row)]),
    },
    { delimiter, escapeFormulae: FORMULA, newline: "\r\n" },
  );
}
