import { normalizeIsoDate } from "@/lib/identify/date";
import { parseNumeric } from "@/lib/identify/numeric";
import { PLAIN_NUMBER } from "@/lib/identify/plain-number";
import { isPlainDate, isShortDecimal } from "./fast-values";

export type SuggestedType = "string" | "numeric" | "date";

export type TypeSuggestion = { type: SuggestedType; reason?: string };

// A double keeps 15 significant decimal digits exactly; an id or account number longer than that would be rounded.
const MAX_SIGNIFICANT_DIGITS = 15;

const quoted = (value: string) => `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;

/** Digits that carry the value: leading zeros and (after a decimal point) trailing zeros do not. */
export function significantDigits(plainNumber: string): number {
  const mantissa = plainNumber.replace(/^[+-]/, "").split(/[eE]/)[0] ?? "";
  const [whole = "", fraction = ""] = mantissa.split(".");
  const digits = (whole + fraction.replace(/0+$/, "")).replace(/^0+/, "");
  return fraction === "" ? digits.replace(/0+$/, "").length : digits.length;
}

const hasLeadingZero = (plainNumber: string) => /^[+-]?0\d/.test(plainNumber);

/** Why a plain-looking number must stay text, or undefined when it can be sent as a number unchanged. */
function numberProblem(value: string): string | undefined {
  if (hasLeadingZero(value)) return `${quoted(value)} has a leading zero that a number would drop`;
  const digits = significantDigits(value);
  if (digits > MAX_SIGNIFICANT_DIGITS) {
    return `${quoted(value)} has ${digits} significant digits; a number keeps only ${MAX_SIGNIFICANT_DIGITS} exactly`;
  }
  const parsed = parseNumeric(value);
  return parsed.ok ? undefined : `${quoted(value)}: ${parsed.message}`;
}

/**
 * The type a column's values suggest: all plain numbers → Numeric, all ISO dates → Date, else String. Empty
 * cells say nothing. When a column that looked like numbers or dates stays String, `reason` says why in words.
 */
export function suggestType(values: Iterable<string>): TypeSuggestion {
  let numbers = 0;
  let dates = 0;
  let maybeNumeric = true;
  let maybeDate = true;
  let reason: string | undefined;
  for (const value of values) {
    if (value === "") continue;
    if (maybeNumeric) {
      const short = isShortDecimal(value);
      const plain = short || PLAIN_NUMBER.test(value);
      const problem = short ? undefined : plain ? numberProblem(value) : notPlainNumber(value, numbers);
      if (problem === undefined && plain) numbers += 1;
      else {
        maybeNumeric = false;
        if (numbers > 0 || PLAIN_NUMBER.test(value)) reason ??= problem;
      }
    }
    if (maybeDate) {
      const date = isPlainDate(value) ? undefined : normalizeIsoDate(value);
      if (date === undefined || date.ok) dates += 1;
      else {
        maybeDate = false;
        if (dates > 0 && /^\d/.test(value)) reason ??= `${quoted(value)} is not a date: ${date.message}`;
      }
    }
    if (!maybeNumeric && !maybeDate) break;
  }
  if (maybeNumeric && numbers > 0) return { type: "numeric" };
  if (maybeDate && dates > 0) return { type: "date" };
  if (numbers === 0 && dates === 0 && maybeNumeric) return { type: "string", reason: "No values to go by" };
  return reason ? { type: "string", reason: `Kept as String: ${reason}` } : { type: "string" };
}

// Only a value that looks like a number (digits, no letters) after numbers earns a reason: "Bob" in a name column does not.
function notPlainNumber(value: string, numbersSoFar: number): string | undefined {
  if (numbersSoFar === 0 || !/\d/.test(value) || /\p{L}/u.test(value)) return undefined;
  return `${quoted(value)} is not a plain number`;
}
