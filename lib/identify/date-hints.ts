import { calendarProblem, monthName, toIsoDate } from "./calendar";

const NUMERIC_DATE_YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const NUMERIC_DATE_YEAR_FIRST = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/;
const TWO_DIGIT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;
const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})$/;
const UNIX_SECONDS = /^\d{10}$/;
const UNIX_MILLISECONDS = /^\d{13}$/;

const ISO_FORMAT = "Write the date as YYYY-MM-DD";
const GENERIC =
  "Write the date as YYYY-MM-DD, e.g. 2025-12-31, or a date and time with a time zone, e.g. 2025-12-31T10:00:00Z";

/** The fix for a date not written as ISO 8601, naming the ISO form when the intended date is clear. */
export function describeNonIsoDate(text: string): string {
  const yearLast = NUMERIC_DATE_YEAR_LAST.exec(text);
  if (yearLast) return describeYearLast(Number(yearLast[1]), Number(yearLast[2]), Number(yearLast[3]));
  const yearFirst = NUMERIC_DATE_YEAR_FIRST.exec(text) ?? BASIC_FORMAT.exec(text);
  if (yearFirst) return describeYearFirst(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  if (TWO_DIGIT_YEAR.test(text)) return `${ISO_FORMAT} with a four-digit year, e.g. 2025-12-31`;
  if (UNIX_SECONDS.test(text)) return describeTimestamp(Number(text) * 1000);
  if (UNIX_MILLISECONDS.test(text)) return describeTimestamp(Number(text));
  return GENERIC;
}

function describeYearFirst(year: number, month: number, day: number): string {
  return calendarProblem(year, month, day) ?? `${ISO_FORMAT}, e.g. ${toIsoDate(year, month, day)}`;
}

// 01/02/2025 is 1 February to most of the world and January 2 in the US: name both rather than guess.
function describeYearLast(first: number, second: number, year: number): string {
  const readings = [
    { day: first, month: second },
    { day: second, month: first },
  ].filter(({ day, month }) => calendarProblem(year, month, day) === undefined);
  const [reading, otherReading] = readings;
  if (reading === undefined) {
    const dayFirstProblem = first <= 31 && second <= 12 ? calendarProblem(year, second, first) : undefined;
    return dayFirstProblem
      ? `${dayFirstProblem}; write dates as YYYY-MM-DD`
      : `${ISO_FORMAT}, e.g. 2025-12-31`;
  }
  if (otherReading === undefined || first === second) {
    return `${ISO_FORMAT}, e.g. ${toIsoDate(year, reading.month, reading.day)}`;
  }
  const describe = ({ day, month }: { day: number; month: number }) =>
    `${toIsoDate(year, month, day)} if you mean ${day} ${monthName(month)}`;
  return `${ISO_FORMAT}: ${describe(reading)}, or ${describe(otherReading)}`;
}

function describeTimestamp(milliseconds: number): string {
  const iso = new Date(milliseconds).toISOString().replace(".000Z", "Z");
  return `This looks like a Unix timestamp; write it as a date and time, e.g. ${iso}`;
}
