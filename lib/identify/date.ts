import { calendarProblem } from "./calendar";
import { describeNonIsoDate } from "./date-hints";
import { accepted, rejected, type ParseResult } from "./parse-result";
import { normalizeTimeWithZone } from "./time-of-day";

const DATE_THEN_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](.*))?$/s;

/**
 * Checks an ISO 8601 date and returns the form Userpilot is sent: `YYYY-MM-DD` as-is, or
 * `YYYY-MM-DDTHH:mm:ss[.fraction](Z|±HH:MM)` keeping the given offset (a time needs one: without
 * it the moment depends on whichever time zone parses it).
 */
export function normalizeIsoDate(text: string): ParseResult<string> {
  if (text.trim() === "") return rejected("Enter a date");
  if (text.trim() !== text) return rejected("Remove the spaces before or after the date");
  const match = DATE_THEN_TIME.exec(text);
  if (!match) return rejected(describeNonIsoDate(text));

  const [, year = "", month = "", day = "", time] = match;
  const problem = calendarProblem(Number(year), Number(month), Number(day));
  if (problem) return rejected(problem);
  const date = `${year}-${month}-${day}`;
  if (time === undefined) return accepted(date);

  const normalizedTime = normalizeTimeWithZone(time);
  return normalizedTime.ok ? accepted(`${date}T${normalizedTime.value}`) : normalizedTime;
}

/** True for a string already in the exact form `normalizeIsoDate` produces, i.e. one this app would have sent as a date. */
export function isNormalizedIsoDate(text: string): boolean {
  const result = normalizeIsoDate(text);
  return result.ok && result.value === text;
}
