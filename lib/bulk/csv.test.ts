import { describe, expect, it } from "vitest";
import { decodeCsvBytes, parseCsvText } from "./csv";
import { parseInput } from "./parse-file";

const bytes = (text: string) => new TextEncoder().encode(text);

function parsed(text: string) {
  const result = parseCsvText(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("parseCsvText", () => {
  it("reads headers and rows as text, with the line each row starts on", () => {
    const csv = parsed("user_id,seats,plan\nu1,007,pro\nu2,1e3,true\n");
    expect(csv.headers).toEqual(["user_id", "seats", "plan"]);
    expect(csv.rows).toEqual([
      { line: 2, cells: ["u1", "007", "pro"] },
      { line: 3, cells: ["u2", "1e3", "true"] },
    ]);
    expect(csv.delimiter).toBe(",");
  });

  it("counts the lines of a quoted field with line breaks, so later rows keep the file's line numbers", () => {
    const csv = parsed('user_id,note\nu1,"first\nsecond\nthird"\nu2,plain\r\nu3,"a ""quoted"" word\r\nover two lines"\nu4,x');
    expect(csv.rows.map((row) => [row.line, row.cells[0]])).toEqual([
      [2, "u1"],
      [5, "u2"],
      [6, "u3"],
      [8, "u4"],
    ]);
    expect(csv.rows[0]?.cells[1]).toBe("first\nsecond\nthird");
    expect(csv.rows[2]?.cells[1]).toBe('a "quoted" word\r\nover two lines');
  });

  it("skips blank lines without losing count, and reads Windows line endings", () => {
    const csv = parsed("\r\nuser_id,a\r\n\r\nu1,1\r\n,\r\n\r\nu2,2\r\n");
    expect(csv.headers).toEqual(["user_id", "a"]);
    expect(csv.rows).toEqual([
      { line: 4, cells: ["u1", "1"] },
      { line: 7, cells: ["u2", "2"] },
    ]);
  });

  it.each([
    ["semicolon", 'user_id;seats;note\nu1;1,000;"a;b"\n', ";"],
    ["tab", "user_id\tseats\tnote\nu1\t1,000\ta;b\n", "\t"],
    ["comma", 'user_id,seats,note\nu1,"1,000",a;b\n', ","],
  ])("detects the %s as the delimiter, other separators staying inside the text", (_, text, delimiter) => {
    const csv = parsed(text);
    expect(csv.delimiter).toBe(delimiter);
    expect(csv.headers).toEqual(["user_id", "seats", "note"]);
    expect(csv.rows[0]?.cells).toEqual(["u1", "1,000", "a;b"]);
  });

  it("strips a byte-order mark from pasted text", () => {
    expect(parsed("\uFEFFuser_id;a\nu1;1").headers).toEqual(["user_id", "a"]);
  });

  it("flags a row with the wrong number of fields and an unclosed quote, in words, on its own line", () => {
    const csv = parsed('user_id,a,b\nu1,1\nu2,1,2,3\nu3,1,2\nu4,"open,2');
    expect(csv.rows.map((row) => [row.line, row.problem])).toEqual([
      [2, "This row has 2 fields; the header has 3"],
      [3, "This row has 4 fields; the header has 3"],
      [4, undefined],
      [5, "A quoted field opened on this line is never closed, so the rest of the file was read into it"],
    ]);
    expect(parsed("user_id,a\nu1").rows[0]?.problem).toBe("This row has 1 field; the header has 2");
  });

  it("refuses an empty file and a header without rows", () => {
    expect(parseCsvText("")).toEqual({ ok: false, message: "The file is empty: choose a CSV file with a header row and data rows." });
    expect(parseCsvText(" \n\n")).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(parseCsvText("user_id,plan\n")).toEqual({ ok: false, message: "The file has a header row but no data rows." });
    expect(parseCsvText("user_id,plan\n,\n\n")).toEqual({ ok: false, message: "The file has a header row but no data rows." });
  });

  it("reports progress for a long file, ending at 1", () => {
    const fractions: number[] = [];
    const text = "user_id\n" + Array.from({ length: 12_000 }, (_, index) => `u${index}`).join("\n");
    parseCsvText(text, (fraction) => fractions.push(fraction));
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions[0]).toBeLessThan(1);
  });
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with and without a byte-order mark", () => {
    expect(decodeCsvBytes(bytes("user_id\nü"))).toEqual({ ok: true, value: "user_id\nü" });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("user_id\nü")]))).toEqual({ ok: true, value: "user_id\nü" });
  });

  it("refuses a file that is not UTF-8 text, saying what to do", () => {
    const fix = "Save it from your spreadsheet as “CSV UTF-8” and choose it again.";
    expect(decodeCsvBytes(new Uint8Array())).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toEqual({ ok: false, message: `This is an Excel or zip file, not CSV text. ${fix}` });
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x75, 0]))).toEqual({ ok: false, message: `This file is UTF-16 text; only UTF-8 is read. ${fix}` });
    expect(decodeCsvBytes(new Uint8Array([0xfe, 0xff, 0, 0x75]))).toMatchObject({ ok: false, message: expect.stringContaining("UTF-16") });
    expect(decodeCsvBytes(new Uint8Array([0x75, 0x73, 0, 0x72]))).toEqual({ ok: false, message: `This file is not text: it contains NUL bytes (a binary file?). ${fix}` });
    expect(decodeCsvBytes(new Uint8Array([0x75, 0x0a, 0xe9, 0x0a]))).toEqual({ ok: false, message: `This file is not UTF-8 text (a Latin-1 or Windows export?). ${fix}` });
  });

  it("parses bytes end to end, and passes text straight to the parser", () => {
    const fromBytes = parseInput(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("user_id;plan\nu1;pro")]));
    expect(fromBytes).toEqual({ ok: true, value: { headers: ["user_id", "plan"], rows: [{ line: 2, cells: ["u1", "pro"] }], delimiter: ";" } });
    expect(parseInput(new Uint8Array([0, 1, 2]))).toMatchObject({ ok: false, message: expect.stringContaining("NUL") });
    expect(parseInput("user_id\tplan\nu1\tpro")).toMatchObject({ ok: true, value: { delimiter: "\t" } });
  });
});
