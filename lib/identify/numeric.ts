import { describeNonPlainNumber } from "./numeric-hints";
import { accepted, rejected, type ParseResult } from "./parse-result";
import { PLAIN_NUMBER } from "./plain-number";

// Below this a double loses precision (subnormal range), so the stored value would differ from the typed one.
const SMALLEST_EXACT_MAGNITUDE = 2.2250738585072014e-308;
const MAX_EXACT_FRACTION_DIGITS = 15;
const TOO_MANY_DIGITS =
  "This number has more digits than a number can keep exactly; send it as a String instead";

/** Reads a number written plainly (`1000`, `-3.5`, `1e3`, `.5`) and says how to fix anything else. */
export function parseNumeric(text: string): ParseResult<number> {
  const trimmed = text.trim();
  if (trimmed === "") return rejected("Enter a number");
  if (trimmed !== text) {
    const fix = parseNumeric(trimmed).ok ? `: write ${trimmed}` : "";
    return rejected(`Remove the spaces before or after the number${fix}`);
  }
  if (!PLAIN_NUMBER.test(text)) return rejected(describeNonPlainNumber(text));

  const value = Number(text);
  const problem = leadingZeroProblem(text, value) ?? sizeProblem(value) ?? precisionProblem(text, value);
  return problem === undefined ? accepted(value) : rejected(problem);
}

function leadingZeroProblem(text: string, value: number): string | undefined {
  const integerPart = text.replace(/^[+-]/, "").split(/[.eE]/)[0] ?? "";
  if (integerPart.length > 1 && integerPart.startsWith("0")) {
    return `Remove the leading zeros: write ${String(value)} (or send it as a String to keep them, e.g. for a zip code)`;
  }
  return undefined;
}

function sizeProblem(value: number): string | undefined {
  if (value === Infinity)
    return "This number is too large to store; write a smaller one or send it as a String";
  if (value === -Infinity) {
    return "This number is too far below zero to store; write a larger one or send it as a String";
  }
  return undefined;
}

function precisionProblem(text: string, value: number): string | undefined {
  const { significant, scale } = decimalDigits(text);
  if (significant !== "" && Math.abs(value) < SMALLEST_EXACT_MAGNITUDE) {
    return "This number is too close to zero to store exactly; write 0 or send it as a String instead";
  }
  const isWholeNumber = significant === "" || scale >= 0;
  if (isWholeNumber && !Number.isSafeInteger(value)) {
    return `${TOO_MANY_DIGITS} (whole numbers are exact up to ${Number.MAX_SAFE_INTEGER})`;
  }
  if (!isWholeNumber && significant.length > MAX_EXACT_FRACTION_DIGITS) {
    return `${TOO_MANY_DIGITS} (at most ${MAX_EXACT_FRACTION_DIGITS} significant digits are exact)`;
  }
  return undefined;
}

/** The typed decimal as `significant × 10^scale`, with no leading or trailing zeros in `significant` ("" for zero). */
function decimalDigits(plainNumber: string): { significant: string; scale: number } {
  const [mantissa = "", exponent = "0"] = plainNumber.replace(/^[+-]/, "").toLowerCase().split("e");
  const [integerPart = "", fractionPart = ""] = mantissa.split(".");
  const digits = (integerPart + fractionPart).replace(/^0+/, "");
  let end = digits.length;
  while (end > 0 && digits[end - 1] === "0") end--;
  const significant = digits.slice(0, end);
  const trailingZeros = digits.length - significant.length;
  return { significant, scale: Number(exponent) - fractionPart.length + trailingZeros };
}
