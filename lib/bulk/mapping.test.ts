import { describe, expect, it } from "vitest";
import { defaultMapping, hasMappingProblems, mappingFits, mappingProblems, propertyColumns, type BulkMapping } from "./mapping";

const headers = ["User ID", "company_id", "seats", "renewal"];
const suggestions = [{ type: "string" as const }, { type: "string" as const }, { type: "numeric" as const }, { type: "date" as const }];

describe("defaultMapping", () => {
  it("finds the id columns by their usual headers and types every column as suggested", () => {
    expect(defaultMapping("users", headers, suggestions)).toEqual({
      kind: "users",
      idColumn: 0,
      companyColumn: 1,
      columns: [
        { name: "User ID", type: "string", emptyRemoves: false },
        { name: "company_id", type: "string", emptyRemoves: false },
        { name: "seats", type: "numeric", emptyRemoves: false },
        { name: "renewal", type: "date", emptyRemoves: false },
      ],
    });
    expect(defaultMapping("companies", headers, suggestions)).toMatchObject({ kind: "companies", idColumn: 1, companyColumn: null });
    expect(defaultMapping("companies", ["id", "name"], suggestions)).toMatchObject({ idColumn: 0 });
    expect(defaultMapping("users", ["email", "plan"], suggestions)).toMatchObject({ idColumn: null, companyColumn: null });
  });
});

describe("propertyColumns", () => {
  it("leaves out the id columns and skipped columns", () => {
    const mapping = defaultMapping("users", headers, suggestions);
    expect(propertyColumns(mapping)).toEqual([2, 3]);
    expect(propertyColumns({ ...mapping, columns: mapping.columns.map((c, i) => (i === 3 ? { ...c, type: "skip" as const } : c)) })).toEqual([2]);
    // For companies the user's company column is an ordinary property.
    expect(propertyColumns({ ...mapping, kind: "companies", idColumn: 1 })).toEqual([0, 2, 3]);
  });
});

describe("mappingProblems", () => {
  const base = defaultMapping("users", headers, suggestions);
  const rename = (names: Record<number, string>): BulkMapping => ({
    ...base,
    columns: base.columns.map((column, index) => ({ ...column, name: names[index] ?? column.name })),
  });

  it("is empty for a usable mapping", () => {
    expect(hasMappingProblems(mappingProblems(base))).toBe(false);
  });

  it("asks for the id column, in the words of the select", () => {
    expect(mappingProblems({ ...base, idColumn: null }).idColumn).toBe("Choose the user id column");
    expect(mappingProblems({ ...base, kind: "companies", idColumn: null }).idColumn).toBe("Choose the company id column");
    expect(mappingProblems({ ...base, companyColumn: 0 }).companyColumn).toBe("Choose another column than the user ID's");
  });

  it("checks property names with the Identify form's rules, by column", () => {
    const problems = mappingProblems(rename({ 2: "", 3: " renewal" }));
    expect([...problems.names]).toEqual([
      [2, "Enter a property name"],
      [3, "Property name has a space at the start or end; remove it"],
    ]);
    expect(hasMappingProblems(problems)).toBe(true);
  });

  it("flags a repeated property name on the later column, and company rules for companies", () => {
    expect([...mappingProblems(rename({ 3: "seats" })).names]).toEqual([[3, 'Duplicate property "seats": each name can be set once']]);
    expect([...mappingProblems({ ...rename({ 3: "id" }), kind: "companies", idColumn: 1 }).names]).toEqual([[3, "Set the company's id in the Company ID field"]]);
  });

  it("refuses more properties than one call may carry, as a problem of the whole mapping", () => {
    const many: BulkMapping = { ...base, idColumn: 0, companyColumn: null, columns: Array.from({ length: 502 }, (_, i) => ({ name: `p${i}`, type: "string" as const, emptyRemoves: false })) };
    expect(mappingProblems(many).general).toBe("At most 500 user properties can be sent at once; remove 1");
  });
});

describe("mappingFits", () => {
  it("accepts a stored mapping only for as many columns, ids in range", () => {
    const mapping = defaultMapping("users", headers, suggestions);
    expect(mappingFits(mapping, 4)).toBe(true);
    expect(mappingFits(mapping, 5)).toBe(false);
    expect(mappingFits({ ...mapping, idColumn: 4 }, 4)).toBe(false);
    expect(mappingFits({ ...mapping, companyColumn: 4 }, 4)).toBe(false);
  });
});
