import Papa from "papaparse";
import { accepted, rejected, type ParseResult } from "@/lib/identify/parse-result";

/** One data row of the file: its cells as text, and the file line it starts on (the header is line 1). */
export type SourceRow = { line: number; cells: string[]; problem?: string };

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export type ParsedCsv = {
  headers: string[];
  rows: SourceRow[];
  delimiter: Delimiter;
};

const asDelimiter = (guess: string): Delimiter => DELIMITERS.find((known) => known === guess) ?? ",";
const SNIFF_BYTES = 4096;
const NOT_TEXT_FIX = "Save it from your spreadsheet as “CSV UTF-8” and choose it again.";

/** Bytes of a chosen file as text: UTF-8 with or without a byte-order mark; anything else is refused in words. */
export function decodeCsvBytes(bytes: Uint8Array): ParseResult<string> {
  if (bytes.length === 0) return rejected("The file is empty: choose a CSV file with a header row and data rows.");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return rejected(`This is an Excel or zip file, not CSV text. ${NOT_TEXT_FIX}`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return rejected(`This file is UTF-16 text; only UTF-8 is read. ${NOT_TEXT_FIX}`);
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    return rejected(`This file is not text: it contains NUL bytes (a binary file?). ${NOT_TEXT_FIX}`);
  }
  try {
    // Strips a UTF-8 byte-order mark; fatal turns a Latin-1 or Windows-1252 export into an error, not mojibake.
    return accepted(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return rejected(`This file is not UTF-8 text (a Latin-1 or Windows export?). ${NOT_TEXT_FIX}`);
  }
}

const isBlank = (cells: string[]) => cells.every((cell) => cell === "");

/**
 * Reads CSV text keeping every value as the text it was. Each row keeps the line it starts on, counted in the
 * text itself, so a quoted field with line breaks moves the following rows' lines as an editor would show them.
 */
export function parseCsvText(text: string, onProgress?: (fraction: number) => void): ParseResult<ParsedCsv> {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (source.trim() === "") return rejected("The file is empty: choose a CSV file with a header row and data rows.");

  let headers: string[] | undefined;
  const rows: SourceRow[] = [];
  let delimiter: Delimiter = ",";
  let line = 1;
  let newline = "\n";
  let nextNewline = -1;
  let stepped = 0;

  Papa.parse<string[]>(source, {
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: false,
    dynamicTyping: false,
    step: (result) => {
      const cells = result.data;
      if (stepped === 0) {
        delimiter = asDelimiter(result.meta.delimiter);
        newline = result.meta.linebreak === "\r" ? "\r" : "\n";
        nextNewline = source.indexOf(newline);
      }
      stepped += 1;
      const startLine = line;
      const end = result.meta.cursor;
      // Each line break of the text is found once, by indexOf, not by looking at every character in JavaScript.
      while (nextNewline !== -1 && nextNewline < end) {
        line += 1;
        nextNewline = source.indexOf(newline, nextNewline + 1);
      }
      if (onProgress && stepped % 5000 === 0) onProgress(end / source.length);
      if (isBlank(cells)) return;
      if (!headers) {
        headers = cells;
        return;
      }
      const problem = rowProblem(cells.length, headers.length, result.errors);
      rows.push(problem ? { line: startLine, cells, problem } : { line: startLine, cells });
    },
  });

  if (!headers) return rejected("The file is empty: choose a CSV file with a header row and data rows.");
  if (rows.length === 0) return rejected("The file has a header row but no data rows.");
  onProgress?.(1);
  return accepted({ headers, rows, delimiter });
}

function rowProblem(cellCount: number, headerCount: number, errors: Papa.ParseError[]): string | undefined {
  const quote = errors.find((error) => error.type === "Quotes");
  if (quote) {
    return quote.code === "MissingQuotes"
      ? "A quoted field opened on this line is never closed, so the rest of the file was read into it"
      : "A quote inside a field is not doubled (write \"\" inside a quoted field)";
  }
  if (cellCount !== headerCount) {
    return `This row has ${cellCount} ${cellCount === 1 ? "field" : "fields"}; the header has ${headerCount}`;
  }
  return undefined;
}

export const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };
