import { parseCsvText, type ParsedCsv, decodeCsvBytes } from "./csv";
import type { ParseResult } from "@/lib/identify/parse-result";
import { suggestType, type TypeSuggestion } from "./suggest-type";

/** Bytes or pasted text to parsed rows, the parsing worker's whole first step (here so it runs in tests too). */
export function parseInput(input: Uint8Array | string, onProgress?: (fraction: number) => void): ParseResult<ParsedCsv> {
  if (typeof input === "string") return parseCsvText(input, onProgress);
  const text = decodeCsvBytes(input);
  return text.ok ? parseCsvText(text.value, onProgress) : text;
}

/** One suggestion per column, from every row's cell in that column. */
export function suggestColumnTypes(parsed: ParsedCsv): TypeSuggestion[] {
  return parsed.headers.map((_, index) => suggestType(columnValues(parsed, index)));
}

function* columnValues(parsed: ParsedCsv, index: number): Generator<string> {
  for (const row of parsed.rows) if (!row.problem) yield row.cells[index] ?? "";
}
