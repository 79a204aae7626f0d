import { describe, expect, it } from "vitest";
import { significantDigits, suggestType } from "./suggest-type";

describe("suggestType", () => {
  it("suggests Numeric when every non-empty value is a plain number", () => {
    expect(suggestType(["1", "", "-3.5", "1e3", ".5", "0", "1000"])).toEqual({ type: "numeric" });
  });

  it("suggests Date when every non-empty value is an ISO date", () => {
    expect(suggestType(["2024-01-31", "", "2024-02-29T10:00:00Z", "2023-12-01T08:30:00+02:00"])).toEqual({ type: "date" });
  });

  it("suggests String for text, and gives no reason for a plain text column", () => {
    expect(suggestType(["Ada", "Bob"])).toEqual({ type: "string" });
    expect(suggestType(["Ada", "42"])).toEqual({ type: "string" });
  });

  it("keeps a leading-zero number as String and says why", () => {
    expect(suggestType(["123", "00123"])).toEqual({ type: "string", reason: "Kept as String: “00123” has a leading zero that a number would drop" });
    expect(suggestType(["007"]).reason).toContain("leading zero");
    expect(suggestType(["-01"]).reason).toContain("leading zero");
  });

  it("keeps a number of more than 15 significant digits as String and says why", () => {
    expect(suggestType(["1", "1234567890123456789"])).toEqual({
      type: "string",
      reason: "Kept as String: “1234567890123456789” has 19 significant digits; a number keeps only 15 exactly",
    });
    expect(suggestType(["1234567890123456"]).reason).toContain("16 significant digits");
    expect(suggestType(["0.1234567890123456"]).reason).toContain("16 significant digits");
  });

  it("suggests Numeric up to exactly 15 significant digits, zeros that carry no value not counted", () => {
    expect(suggestType(["123456789012345"])).toEqual({ type: "numeric" });
    expect(suggestType(["1.50000000000000000"])).toEqual({ type: "numeric" });
    expect(suggestType(["0.000000000000000000001"])).toEqual({ type: "numeric" });
  });

  it("keeps a plain number Userpilot can't store as String, with the Identify form's reason", () => {
    expect(suggestType(["1e400"]).reason).toBe("Kept as String: “1e400”: This number is too large to store; write a smaller one or send it as a String");
  });

  it("says which value made a column of numbers String", () => {
    expect(suggestType(["12", "40", "1,000", "7"])).toEqual({ type: "string", reason: "Kept as String: “1,000” is not a plain number" });
  });

  it("says which value made a column of dates String", () => {
    const suggestion = suggestType(["2024-01-31", "2024-02-30"]);
    expect(suggestion.type).toBe("string");
    expect(suggestion.reason).toMatch(/^Kept as String: “2024-02-30” is not a date: .+/);
  });

  it("does not blame text in a column that only started with a date or a number", () => {
    expect(suggestType(["2024-01-31", "soon"])).toEqual({ type: "string" });
    expect(suggestType(["12", "twelve"])).toEqual({ type: "string" });
  });

  it("says there is nothing to go by when every cell is empty", () => {
    expect(suggestType(["", ""])).toEqual({ type: "string", reason: "No values to go by" });
    expect(suggestType([])).toEqual({ type: "string", reason: "No values to go by" });
  });

  it("shortens a long value it quotes", () => {
    expect(suggestType(["1", `${"9".repeat(60)}`]).reason).toContain(`“${"9".repeat(40)}…”`);
  });

  it("does not read numbers with spaces or dates in other formats as their type", () => {
    expect(suggestType([" 12"]).type).toBe("string");
    expect(suggestType(["03/02/2024"]).type).toBe("string");
    expect(suggestType(["NaN"]).type).toBe("string");
  });
});

describe("significantDigits", () => {
  it.each([
    ["0", 0],
    ["100", 1],
    ["1.50", 2],
    ["-0.00123", 3],
    ["12345.678e5", 8],
    ["+1234567890123456789", 19],
  ])("%s has %i", (value, digits) => {
    expect(significantDigits(value)).toBe(digits);
  });
});
