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

describe("parseNumeric: the exact fix for each way of writing a number", () => {
  const UNITS = "Write a plain number without units or symbols, e.g.";
  const NOT_FINITE = "NaN and Infinity can't be stored as numbers; write a finite number, e.g. 0";
  const NO_DIGITS = "Enter a number using digits, e.g. 12 or -3.5";
  const COMMAS = "Write a plain number without commas, e.g. 1000 or 3.5";
  it.each([
    ["1,000", "Remove the thousands separators: write 1000"],
    ["-12,345,678.25", "Remove the thousands separators: write -12345678.25"],
    ["1_000", "Remove the thousands separators: write 1000"],
    ["1\u00a0000", "Remove the thousands separators: write 1000"],
    ["12,345", "Remove the thousands separators: write 12345"],
    ["1,000.25", "Remove the thousands separators: write 1000.25"],
    ["1.234,5", "Use a dot for decimals and no thousands separators: write 1234.5"],
    ["-1.234.567,89", "Use a dot for decimals and no thousands separators: write -1234567.89"],
    ["12.345,6", "Use a dot for decimals and no thousands separators: write 12345.6"],
    ["1.234,56", "Use a dot for decimals and no thousands separators: write 1234.56"],
    ["1 234,5", "Use a dot for decimals and no thousands separators: write 1234.5"],
    ["12,5", "Use a dot for decimals: write 12.5"],
    [",5", "Use a dot for decimals: write .5"],
    ["1234,567", "Use a dot for decimals: write 1234.567"],
    ["1,000x", `${UNITS} 1000`],
    ["x1.234,5", `${UNITS} 1234.5`],
    ["1.234,5x", `${UNITS} 1234.5`],
    ["1.2.3%", `${UNITS} 12`],
    ["$.25", `${UNITS} .25`],
    ["2e15 m", `${UNITS} 2e15`],
    ["5e-3 kg", `${UNITS} 5e-3`],
    ["-$1e-5", `${UNITS} -1e-5`],
    ["x0x10", `${UNITS} 0`],
    ["0x10%", `${UNITS} 0`],
    ["0x10", "Write the number in decimal digits, e.g. 16"],
    ["+0o17", "Write the number in decimal digits, e.g. +15"],
    ["0xZZ", "Write the number in decimal digits, e.g. 16"],
    ["inf", NOT_FINITE],
    ["-∞", NOT_FINITE],
    ["xnan", NO_DIGITS],
    ["nanx", NO_DIGITS],
    ["1,2,3", COMMAS],
    ["1.2.3", "Write a plain number, e.g. 1000, -3.5 or 1e3"],
    [" abc ", "Remove the spaces before or after the number"],
    ["-007", "Remove the leading zeros: write -7 (or send it as a String to keep them, e.g. for a zip code)"],
  ])("%j → %s", (text, message) => {
    expect(parseNumeric(text)).toEqual({ ok: false, message });
  });

  it("accepts a fraction written with a dot and several digits", () => {
    expect(parseNumeric(".25")).toEqual({ ok: true, value: 0.25 });
    expect(parseNumeric("0.0000000000000000001")).toEqual({ ok: true, value: 1e-19 });
  });

  it("counts every significant digit, zeros inside the number included", () => {
    expect(parseNumeric("1000000000000000.5")).toMatchObject({
      ok: false,
      message: expect.stringContaining("at most 15 significant digits are exact"),
    });
  });

  it("counts trailing zeros of a whole number as its size", () => {
    expect(parseNumeric("10000000000000000")).toMatchObject({
      ok: false,
      message: expect.stringContaining("whole numbers are exact up to 9007199254740991"),
    });
  });

  it("reads the smallest normal number as too precise, not too close to zero", () => {
    expect(parseNumeric("2.2250738585072014e-308")).toMatchObject({
      ok: false,
      message: expect.stringContaining("more digits than a number can keep exactly"),
    });
  });
});
