import { calendarProblem } from "@/lib/identify/calendar";
import { MAX_ID_LENGTH } from "@/lib/identify/limits";

// Shortcuts for the values most cells hold, each a strict subset of what the Identify rules accept: a value that
// matches is known good without the full helpers (which split, build messages and allocate); anything else, good
// or not, goes through them. quick-check.test.ts and fast-values.test.ts hold each shortcut to the full rules.

// Printable ASCII with no space at either end: nothing invisible, no broken character, never only spaces.
const PLAIN_ASCII_ID = /^[!-~](?:[ -~]*[!-~])?$/;

/** An id (user or company) the id rules surely accept: 1 to 255 printable ASCII characters, no edge spaces. */
export const isPlainId = (value: string): boolean => value.length <= MAX_ID_LENGTH && PLAIN_ASCII_ID.test(value);

// At most 15 digits in all (a double keeps 15 exactly), no leading zero, no exponent, no plus sign.
const SHORT_DECIMAL = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;
const MAX_EXACT_DIGITS = 15;

/** A number the numeric rules surely accept unchanged: `-12.50`, `0.5`, `42`, with 15 digits or fewer. */
export function isShortDecimal(value: string): boolean {
  if (!SHORT_DECIMAL.test(value)) return false;
  const digits = value.length - (value.charCodeAt(0) === 45 ? 1 : 0) - (value.includes(".") ? 1 : 0);
  return digits <= MAX_EXACT_DIGITS;
}

// A date, or a date with a UTC time to the second: the two forms spreadsheets and exports write most. Read by
// character codes, not a pattern's match array: this runs once per date cell.
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ)?$/;

const digitsAt = (value: string, from: number, count: number) => {
  let number = 0;
  for (let i = from; i < from + count; i++) number = number * 10 + value.charCodeAt(i) - 48;
  return number;
};

/** A date the date rules surely accept unchanged (so it is also sent as written). */
export function isPlainDate(value: string): boolean {
  if ((value.length !== 10 && value.length !== 20) || !PLAIN_DATE.test(value)) return false;
  return calendarProblem(digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2)) === undefined;
}
