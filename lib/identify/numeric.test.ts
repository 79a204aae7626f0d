import { describe, expect, it } from "vitest";
import { parseNumeric } from "./numeric";
import { PLAIN_NUMBER } from "./plain-number";

describe("parseNumeric accepts numbers written plainly", () => {
  it.each([
    ["1000", 1000],
    ["-3.5", -3.5],
    ["1e3", 1000],
    ["1E3", 1000],
    ["2.5e-3", 0.0025],
    ["+2", 2],
    [".5", 0.5],
    ["-.5", -0.5],
    ["1.", 1],
    ["0.25", 0.25],
    ["0", 0],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
    ["-9007199254740991", -Number.MAX_SAFE_INTEGER],
    ["1.50000000000000000000", 1.5],
    ["0.123456789012345", 0.123456789012345],
    ["1e-300", 1e-300],
  ])("%s → %d", (text, value) => {
    expect(parseNumeric(text)).toEqual({ ok: true, value });
  });
});

describe("parseNumeric rejects anything else and says what to write instead", () => {
  it.each([
    ["", "Enter a number"],
    ["   ", "Enter a number"],
    ["1,000", "write 1000"],
    ["1,000,000.5", "write 1000000.5"],
    ["1 000", "write 1000"],
    ["1'000", "write 1000"],
    ["3,5", "Use a dot for decimals: write 3.5"],
    ["0,25", "write 0.25"],
    ["1.234,5", "write 1234.5"],
    ["1,2,3", "without commas"],
    ["12 %", "Write a plain number without units or symbols, e.g. 12"],
    ["12%", "Write a plain number without units or symbols, e.g. 12"],
    ["$5", "Write a plain number without units or symbols, e.g. 5"],
    ["5 USD", "Write a plain number without units or symbols, e.g. 5"],
    ["-$5", "e.g. -5"],
    ["$1,000", "e.g. 1000"],
    ["NaN", "write a finite number"],
    ["Infinity", "write a finite number"],
    ["-Infinity", "write a finite number"],
    ["1e400", "too large"],
    ["-1e400", "too far below zero"],
    ["1e-400", "too close to zero"],
    ["5e-324", "too close to zero"],
    ["9007199254740992", "has more digits than a number can keep exactly; send it as a String instead"],
    ["12345678901234567890", "send it as a String instead"],
    ["1e16", "send it as a String instead"],
    ["0.1234567890123456", "has more digits than a number can keep exactly"],
    ["1234567890.1234567", "send it as a String instead"],
    [" 12", "Remove the spaces before or after the number: write 12"],
    ["12 ", "Remove the spaces"],
    ["\t1,5 ", "Remove the spaces"],
    ["12 34", "Remove the spaces inside the number"],
    ["0x10", "decimal digits, e.g. 16"],
    ["-0x10", "e.g. -16"],
    ["0b101", "e.g. 5"],
    ["007", "Remove the leading zeros: write 7"],
    ["abc", "using digits"],
    ["1.2.3", "Write a plain number"],
    ["--5", "Write a plain number"],
  ])("%j → %s", (text, expectedFix) => {
    const result = parseNumeric(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expectedFix);
  });

  it("names the limits in the precision messages", () => {
    expect(parseNumeric("9007199254740992")).toMatchObject({
      message: expect.stringContaining("9007199254740991"),
    });
    expect(parseNumeric("0.1234567890123456")).toMatchObject({
      message: expect.stringContaining("15 significant"),
    });
  });
});

describe("the plain-number pattern refuses hostile input in linear time", () => {
  // The earlier pattern (`\d+\.?\d*`) could read a run of digits in quadratically many ways: 150,000 digits
  // and an `x` held the server for about 10 s. Linear matching takes well under a millisecond here; the
  // bound is a hundred times what a linear pattern needs, and a hundredth of what the quadratic one took.
  it.each([
    ["digits then a letter", `${"1".repeat(100_000)}x`],
    ["digits, a dot, digits then a letter", `${"1".repeat(50_000)}.${"1".repeat(50_000)}x`],
    ["digits then an exponent without digits", `${"1".repeat(100_000)}e`],
  ])("%s", (_, text) => {
    const started = performance.now();
    expect(PLAIN_NUMBER.test(text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
