const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export const monthName = (month: number): string => MONTH_NAMES[month - 1] ?? `month ${month}`;

export const toIsoDate = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;

/** Why year-month-day is not a day on the calendar, or undefined when it is one. */
export function calendarProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `There is no month ${pad2(month)}: months go from 01 to 12`;
  if (day < 1) return `There is no day ${pad2(day)}: days start at 01`;
  if (day <= daysInMonth(year, month)) return undefined;
  const yearText = String(year).padStart(4, "0");
  const leapNote = month === 2 && day === 29 ? ` (${yearText} is not a leap year)` : "";
  return `${monthName(month)} ${yearText} has no day ${day}${leapNote}`;
}

const pad2 = (value: number): string => String(value).padStart(2, "0");
