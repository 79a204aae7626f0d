import { describe, expect, it } from "vitest";
import { checkRows, duplicateRowCount, type CheckResult } from "./check";
import { parseCsvText } from "./csv";
import { defaultMapping, type BulkMapping } from "./mapping";
import { rowValues } from "./row-values";
import { suggestColumnTypes } from "./parse-file";

function checkCsv(text: string, adjust: (mapping: BulkMapping) => BulkMapping = (m) => m, kind: "users" | "companies" = "users"): CheckResult {
  const parsed = parseCsvText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const mapping = adjust(defaultMapping(kind, parsed.value.headers, suggestColumnTypes(parsed.value)));
  return checkRows(parsed.value.headers, parsed.value.rows, mapping);
}

const withType = (column: number, type: BulkMapping["columns"][number]["type"]) => (mapping: BulkMapping): BulkMapping => ({
  ...mapping,
  columns: mapping.columns.map((entry, index) => (index === column ? { ...entry, type } : entry)),
});

describe("rowValues", () => {
  const mapping: BulkMapping = {
    kind: "users",
    idColumn: 0,
    companyColumn: 1,
    columns: [
      { name: "user_id", type: "string", emptyRemoves: false },
      { name: "company_id", type: "string", emptyRemoves: false },
      { name: "seats", type: "numeric", emptyRemoves: false },
      { name: "legacy", type: "string", emptyRemoves: true },
      { name: "ignored", type: "skip", emptyRemoves: true },
      { name: "renewal", type: "date", emptyRemoves: false },
    ],
  };

  it("builds the Identify form's values: still text, typed by the mapping", () => {
    expect(rowValues(["u1", "acme", "007", "x", "y", "2024-01-31"], mapping)).toEqual({
      kind: "users",
      values: {
        userId: "u1",
        companyId: "acme",
        companyProperties: [],
        properties: [
          { name: "seats", type: "numeric", value: "007" },
          { name: "legacy", type: "string", value: "x" },
          { name: "renewal", type: "date", value: "2024-01-31" },
        ],
      },
      propertyColumns: [2, 3, 5],
    });
  });

  it("leaves an empty cell out, unless its column says empty removes the property", () => {
    expect(rowValues(["u1", "", "", "", "", ""], mapping)).toEqual({
      kind: "users",
      values: { userId: "u1", companyId: "", companyProperties: [], properties: [{ name: "legacy", type: "remove", value: "" }] },
      propertyColumns: [3],
    });
  });

  it("builds a company's values from the company ID column", () => {
    const companies: BulkMapping = { ...mapping, kind: "companies", idColumn: 1, companyColumn: 0 };
    expect(rowValues(["u1", "acme", "5", "", "", ""], companies)).toEqual({
      kind: "companies",
      values: {
        companyId: "acme",
        companyProperties: [
          { name: "user_id", type: "string", value: "u1" },
          { name: "seats", type: "numeric", value: "5" },
          { name: "legacy", type: "remove", value: "" },
        ],
      },
      propertyColumns: [0, 2, 3],
    });
  });
});

describe("checkRows", () => {
  it("refuses rows with the Identify form's rules, each issue at its line, column and value", () => {
    const result = checkCsv(
      'user_id,seats,renewal,note\nu1,12,2024-01-31,ok\nu2,"1,000",2024-01-31,x\nu3,4,2024-02-30,"two\nlines"\n,5,2024-01-01,x\n u5,5,2024-01-01,x\nu6,5,2024-01-01\nu7,1e400,2024-01-01,x',
      (mapping) => withType(1, "numeric")(withType(2, "date")(mapping)),
    );
    expect(result.valid.map((row) => row.line)).toEqual([2]);
    const issues = result.invalid.flatMap((row) => row.issues);
    expect(issues).toEqual([
      { line: 3, column: "seats", value: "1,000", reason: "Remove the thousands separators: write 1000" },
      { line: 4, column: "renewal", value: "2024-02-30", reason: expect.stringMatching(/February/) },
      { line: 6, column: "user_id", value: "", reason: "User ID is required" },
      { line: 7, column: "user_id", value: " u5", reason: "User ID has a space at the start or end; remove it" },
      { line: 8, column: null, value: "", reason: "This row has 3 fields; the header has 4" },
      { line: 9, column: "seats", value: "1e400", reason: "This number is too large to store; write a smaller one or send it as a String" },
    ]);
    expect(result.invalid.map((row) => row.cells[0])).toEqual(["u2", "u3", "", " u5", "u6", "u7"]);
  });

  it("reports several problems of one row, one per column", () => {
    const result = checkCsv("user_id,a,b\n,x,y", (mapping) => withType(1, "numeric")(withType(2, "date")(mapping)));
    expect(result.invalid[0]?.issues.map((issue) => issue.column)).toEqual(["user_id", "a", "b"]);
  });

  it("keeps leading zeros and long ids as text in what is sent", () => {
    const result = checkCsv("user_id,account,zip\n1234567890123456789,000123,01234");
    expect(result.kind).toBe("users");
    expect(result.preview).toEqual([{ user_id: "1234567890123456789", metadata: { account: "000123", zip: "01234" } }]);
  });

  it("previews the first rows as the exact payloads, with numbers and dates encoded once", () => {
    const result = checkCsv("user_id,company_id,seats,renewal,legacy\nu1,acme,12,2024-01-31,\nu2,,3.5,,\nu3,b,1,2024-01-01,x\nu4,c,1,2024-01-01,x", (mapping) => ({
      ...mapping,
      columns: mapping.columns.map((column, index) => (index === 4 ? { ...column, emptyRemoves: true } : column)),
    }));
    expect(result.preview).toEqual([
      { user_id: "u1", metadata: { seats: 12, renewal: "2024-01-31", legacy: null }, company: { id: "acme" } },
      { user_id: "u2", metadata: { seats: 3.5, legacy: null } },
      { user_id: "u3", metadata: { seats: 1, renewal: "2024-01-01", legacy: "x" }, company: { id: "b" } },
    ]);
  });

  it("flags ids on more than one valid row with every line, keeping all rows in file order", () => {
    const result = checkCsv("user_id,plan\nu1,free\nu2,free\nu1,pro\n,x\nu1,team\nu2,pro\nu3,x");
    expect(result.duplicates).toEqual([
      { id: "u1", lines: [2, 4, 6] },
      { id: "u2", lines: [3, 7] },
    ]);
    expect(duplicateRowCount(result.duplicates)).toBe(3);
    expect(result.valid.map((row) => row.line)).toEqual([2, 3, 4, 6, 7, 8]);
  });

  it("checks companies with the form's company rules: id required, no property named id", () => {
    const result = checkCsv("company_id,id,seats\nacme,1,3\n,2,4", undefined, "companies");
    expect(result.kind).toBe("companies");
    expect(result.preview).toEqual([]);
    expect(result.invalid.flatMap((row) => row.issues)).toEqual([
      { line: 2, column: "id", value: "1", reason: "Set the company's id in the Company ID field" },
      { line: 3, column: "company_id", value: "", reason: "Company ID is required" },
      { line: 3, column: "id", value: "2", reason: "Set the company's id in the Company ID field" },
    ]);
    const fixed = checkCsv("company_id,name,seats\nacme,Acme,3", undefined, "companies");
    expect(fixed.preview).toEqual([{ company_id: "acme", metadata: { name: "Acme", seats: 3 } }]);
    expect(fixed.valid[0]?.values).toEqual({ companyId: "acme", companyProperties: [{ name: "name", type: "string", value: "Acme" }, { name: "seats", type: "numeric", value: "3" }] });
  });

  it("uses the mapping's property names and skips skipped columns", () => {
    const result = checkCsv("user_id,Plan Name,secret\nu1,pro,s", (mapping) => ({
      ...mapping,
      columns: mapping.columns.map((column, index) => (index === 1 ? { ...column, name: "plan" } : index === 2 ? { ...column, type: "skip" as const } : column)),
    }));
    expect(result.preview).toEqual([{ user_id: "u1", metadata: { plan: "pro" } }]);
  });
});
