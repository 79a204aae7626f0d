import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeIsoDate } from "@/lib/identify/date";
import { parseNumeric } from "@/lib/identify/numeric";
import { companyIdProblem, userIdProblem } from "@/lib/identify/text-rules";
import { isPlainDate, isPlainId, isShortDecimal } from "./fast-values";

// Each shortcut may only say "good" where the full rule says good (and, for dates, keeps the value as written).
const digits = fc.array(fc.constantFrom(..."0123456789"), { maxLength: 20 }).map((list) => list.join(""));
const numberish = fc.tuple(fc.constantFrom("", "-", "+"), digits, fc.constantFrom("", "."), digits, fc.constantFrom("", "e3")).map((parts) => parts.join(""));
const dateish = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom("", "T10:00:00Z", "T23:59:59Z", "T24:00:00Z", "T10:60:00Z", "T10:00:60Z", "T10:00:00", "T10:00:00+02:00"))
  .map(([y, m, d, time]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}${time}`);

describe("fast value shortcuts", () => {
  it("a short decimal is a number the numeric rules accept", () => {
    fc.assert(fc.property(numberish, (value) => !isShortDecimal(value) || parseNumeric(value).ok), { numRuns: 5000, seed: 11 });
    for (const value of ["0", "-0", "42", "1.25", "-12.50", "0.5", "123456789012345", "12345678901234.5"]) expect(isShortDecimal(value)).toBe(true);
    for (const value of ["007", "1.", ".5", "+1", "1e3", "1234567890123456", "0.1234567890123456", "1,000", ""]) expect(isShortDecimal(value)).toBe(false);
  });

  it("a plain date is a date the date rules accept as written", () => {
    fc.assert(fc.property(dateish, (value) => {
      if (!isPlainDate(value)) return true;
      const result = normalizeIsoDate(value);
      return result.ok && result.value === value;
    }), { numRuns: 5000, seed: 11 });
    for (const value of ["2024-02-29", "2024-01-31T23:59:59Z"]) expect(isPlainDate(value)).toBe(true);
    for (const value of ["2023-02-29", "2024-02-30", "2024-13-01", "2024-01-31T24:00:00Z", "2024-01-31T10:00:00", "2024-1-31"]) expect(isPlainDate(value)).toBe(false);
  });

  it("a plain id is an id the id rules accept", () => {
    const text = fc.string({ unit: fc.constantFrom("a", " ", "~", "\u200b", "\uFEFF", "\u0000", "é", "\ud800"), maxLength: 6 });
    fc.assert(fc.property(text, (value) => !isPlainId(value) || (userIdProblem(value) === undefined && companyIdProblem(value) === undefined)), { numRuns: 5000, seed: 11 });
    expect(isPlainId("user_1")).toBe(true);
    expect(isPlainId("a b")).toBe(true);
    for (const value of ["", " u", "u ", "x".repeat(256), "u\u200b"]) expect(isPlainId(value)).toBe(false);
    expect(isPlainId("x".repeat(255))).toBe(true);
  });
});
