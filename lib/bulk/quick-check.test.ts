import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifyFormSchema } from "@/lib/identify/schema";
import { companyFormSchema } from "./company-values";
import { COLUMN_TYPES, type BulkMapping } from "./mapping";
import { quickRowProblem } from "./quick-check";
import { rowValues } from "./row-values";

// Values near every rule's edge: spaces, invisible characters, leading zeros, long digits, bad dates, empties.
const CELLS = ["", " ", "u1", " u1", "u1 ", "u\u200b1", "\uFEFFu", "12", "007", "1,000", "1e400", "-3.5", "1e3", "abc", "2024-02-29", "2024-02-30", "2023-02-29", "2024-01-31T10:00:00Z", "2024-01-31T10:00:00", "03/02/2024", "9007199254740993", "123456789012345678", "x".repeat(256), "0.1234567890123456", "NaN", "\ud800",
  // Edges of the shortcuts in fast-values.ts.
  "0.5", "-0", "1.25", "123456789012345", "1234567890123456", "12345678901234.5", "1.", "2024-01-31T23:59:59Z", "2024-01-31T24:00:00Z", "2023-02-29T10:00:00Z", "a b", "~", "x".repeat(255)];

const mappingArbitrary = (kind: "users" | "companies") =>
  fc.record({
    types: fc.array(fc.constantFrom(...COLUMN_TYPES), { minLength: 4, maxLength: 4 }),
    removes: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    companyColumn: fc.constantFrom(null, 1),
  }).map(({ types, removes, companyColumn }): BulkMapping => ({
    kind,
    idColumn: 0,
    companyColumn: kind === "users" ? companyColumn : null,
    columns: types.map((type, index) => ({ name: `p${index}`, type, emptyRemoves: removes[index] ?? false })),
  }));

describe("quickRowProblem", () => {
  for (const kind of ["users", "companies"] as const) {
    it(`agrees with the Identify schema on every row of ${kind} (named columns)`, () => {
      fc.assert(
        fc.property(mappingArbitrary(kind), fc.array(fc.constantFrom(...CELLS), { minLength: 4, maxLength: 4 }), (mapping, cells) => {
          const row = rowValues(cells, mapping);
          const schemaSays = row.kind === "users" ? identifyFormSchema.safeParse(row.values).success : companyFormSchema.safeParse(row.values).success;
          expect(quickRowProblem(row)).toBe(!schemaSays);
        }),
        { numRuns: 3000, seed: 11 },
      );
    });
  }

  it("finds each kind of problem", () => {
    const mapping: BulkMapping = { kind: "users", idColumn: 0, companyColumn: 1, columns: ["id", "co", "n", "d"].map((name, index) => ({ name, type: index === 2 ? "numeric" : index === 3 ? "date" : "string", emptyRemoves: false })) };
    expect(quickRowProblem(rowValues(["u1", "acme", "1", "2024-01-31"], mapping))).toBe(false);
    expect(quickRowProblem(rowValues(["", "acme", "1", "2024-01-31"], mapping))).toBe(true);
    expect(quickRowProblem(rowValues(["u1", " acme", "1", "2024-01-31"], mapping))).toBe(true);
    expect(quickRowProblem(rowValues(["u1", "acme", "1,0", "2024-01-31"], mapping))).toBe(true);
    expect(quickRowProblem(rowValues(["u1", "acme", "1", "2024-02-30"], mapping))).toBe(true);
    expect(quickRowProblem(rowValues(["", "1"], { ...mapping, kind: "companies", companyColumn: null }))).toBe(true);
  });
});
