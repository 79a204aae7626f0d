/** A 1,000-row users file with 10 bad rows, built cell by cell so each bad row's file line is known. */
export type BadRow = { line: number; column: string; value: string; reason: RegExp };

export type BulkFile = { text: string; bad: BadRow[]; dataRows: number };

const HEADERS = ["user_id", "company_id", "email", "seats", "renewal", "account_no", "legacy_id", "note"];

const BAD: Record<number, { column: string; value: string; reason: RegExp } | "short"> = {
  40: { column: "seats", value: "1,000", reason: /thousands separators/ },
  120: { column: "renewal", value: "2024-02-30", reason: /February/ },
  200: { column: "user_id", value: "", reason: /User ID is required/ },
  310: { column: "seats", value: "abc", reason: /number/ },
  420: { column: "renewal", value: "03/02/2024", reason: /YYYY-MM-DD|ISO|date/i },
  530: { column: "user_id", value: " bulk_pad", reason: /space at the start or end/ },
  640: { column: "seats", value: "1e400", reason: /too large/ },
  750: "short",
  860: { column: "user_id", value: "bulk\u200bzw", reason: /invisible character/ },
  970: { column: "renewal", value: "2024-13-01", reason: /month|13/i },
};

const quote = (cell: string, delimiter: string) =>
  /["\n\r]/.test(cell) || cell.includes(delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell;

/** Row 5 holds a note over three lines, so every later row sits two lines below its row number. */
export function bulkFile(prefix: string, delimiter = ","): BulkFile {
  const lines = [HEADERS.join(delimiter)];
  const bad: BadRow[] = [];
  let line = 1;
  for (let row = 1; row <= 1000; row++) {
    line += 1;
    const cells: Record<string, string> = {
      user_id: row === 990 ? `${prefix}_1` : `${prefix}_${row}`, // row 990 repeats row 1's id: later wins
      company_id: `co_${row % 7}`,
      email: `user${row}@example.com`,
      seats: String(row),
      renewal: `2024-01-${String((row % 28) + 1).padStart(2, "0")}`,
      account_no: String(row).padStart(6, "0"),
      legacy_id: `9${String(row).padStart(18, "0")}`,
      note: row === 5 ? "first line\nsecond line\nthird line" : `note ${row}`,
    };
    const spec = BAD[row];
    let values = HEADERS.map((header) => cells[header] ?? "");
    if (spec === "short") {
      values = values.slice(0, 5);
      bad.push({ line, column: "(whole row)", value: "", reason: /5 fields; the header has 8/ });
    } else if (spec) {
      values[HEADERS.indexOf(spec.column)] = spec.value;
      bad.push({ line, ...spec });
    }
    lines.push(values.map((cell) => quote(cell, delimiter)).join(delimiter));
    if (row === 5) line += 2;
  }
  return { text: `${lines.join("\r\n")}\r\n`, bad, dataRows: 1000 };
}
