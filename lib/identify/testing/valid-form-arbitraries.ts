import fc from "fast-check";
import type { IdentifyPayload, PropertyValue } from "../payload";
import type { IdentifyFormValues, PropertyRow } from "../schema";

// Each generated row carries the JSON value Userpilot should receive, worked out here without the
// code under test (JS Date is the calendar oracle), so the payload can be checked against it.
export type RowCase = { row: PropertyRow; sent: PropertyValue };
export type FormCase = { values: IdentifyFormValues; expected: IdentifyPayload };

const SMALLEST_NORMAL_DOUBLE = 2.2250738585072014e-308;
const FIRST_MS_OF_YEAR_0000 = Date.parse("0000-01-01T00:00:00Z");
const LAST_MS_OF_YEAR_9999 = Date.parse("9999-12-31T23:59:59.999Z");

const isUnpadded = (text: string) => text.length > 0 && text.trim() === text;

export const validIdArb = fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }).filter(isUnpadded);

export const validNameArb = fc.oneof(
  fc.constantFrom("name", "email", "created_at", "plan", "id", "__proto__", "constructor", "0", "Plan"),
  fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }).filter(isUnpadded),
);

/** Finite numbers a JSON number keeps exactly: safe integers, and fractions of at most 15 significant digits. */
export const exactNumberArb = fc.oneof(
  fc.maxSafeInteger(),
  fc
    .double({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, noNaN: true })
    .map((n) => Number(n.toPrecision(15)))
    .filter((n) => n === 0 || Math.abs(n) >= SMALLEST_NORMAL_DOUBLE),
);

const numericCaseArb: fc.Arbitrary<RowCase> = fc
  .tuple(exactNumberArb, fc.constantFrom("string", "exponential", "plus-sign"))
  .map(([n, spelling]) => {
    const text =
      spelling === "exponential"
        ? n.toExponential()
        : spelling === "plus-sign" && n > 0
          ? `+${n}`
          : String(n);
    return { row: { name: "", type: "numeric", value: text }, sent: n };
  });

const digitsArb = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength, maxLength });

const zoneArb: fc.Arbitrary<{ typed: string; sent: string }> = fc.oneof(
  fc.constantFrom({ typed: "Z", sent: "Z" }, { typed: "z", sent: "Z" }),
  fc
    .record({
      sign: fc.constantFrom("+", "-"),
      hours: fc.integer({ min: 0, max: 14 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      style: fc.constantFrom("colon", "compact", "hours-only"),
    })
    .map(({ sign, hours, minutes: rawMinutes, style }) => {
      const minutes = hours === 14 || style === "hours-only" ? 0 : rawMinutes;
      const hh = String(hours).padStart(2, "0");
      const mm = String(minutes).padStart(2, "0");
      const typed =
        style === "colon" ? `${sign}${hh}:${mm}` : style === "compact" ? `${sign}${hh}${mm}` : `${sign}${hh}`;
      return { typed, sent: `${sign}${hh}:${mm}` };
    }),
);

/** Years where the leap-year rule has its exceptions (1900 is not a leap year, 2000 is) come up often. */
export const calendarYearArb = fc.oneof(
  fc.integer({ min: 0, max: 9999 }),
  fc.integer({ min: 0, max: 99 }).map((century) => century * 100),
);

/** The last day of a month by JS Date's own calendar (day 0 of the next month). */
export function daysInMonthByDate(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
}

const lastDayOfMonthInstantArb = fc
  .record({
    year: calendarYearArb,
    month: fc.integer({ min: 1, max: 12 }),
    ms: fc.integer({ min: 0, max: 86_399_999 }),
  })
  .map(({ year, month, ms }) => {
    const instant = new Date(ms);
    instant.setUTCFullYear(year, month - 1, daysInMonthByDate(year, month));
    return instant.toISOString();
  });

export const isoInstantArb = fc.oneof(
  fc
    .integer({ min: FIRST_MS_OF_YEAR_0000, max: LAST_MS_OF_YEAR_9999 })
    .map((ms) => new Date(ms).toISOString()),
  lastDayOfMonthInstantArb,
);

const dateCaseArb: fc.Arbitrary<RowCase> = fc
  .record({
    iso: isoInstantArb,
    dateOnly: fc.boolean(),
    separator: fc.constantFrom("T", " ", "t"),
    withSeconds: fc.boolean(),
    fraction: fc.option(digitsArb(1, 9), { nil: undefined }),
    zone: zoneArb,
  })
  .map(({ iso, dateOnly, separator, withSeconds, fraction, zone }) => {
    const date = iso.slice(0, 10);
    const row = (value: string): PropertyRow => ({ name: "", type: "date", value });
    if (dateOnly) return { row: row(date), sent: date };
    const hoursMinutes = iso.slice(11, 16);
    const seconds = withSeconds ? iso.slice(17, 19) : "00";
    const fractionPart = withSeconds && fraction !== undefined ? `.${fraction}` : "";
    const typedSeconds = withSeconds ? `:${seconds}${fractionPart}` : "";
    return {
      row: row(`${date}${separator}${hoursMinutes}${typedSeconds}${zone.typed}`),
      sent: `${date}T${hoursMinutes}:${seconds}${fractionPart}${zone.sent}`,
    };
  });

const stringCaseArb: fc.Arbitrary<RowCase> = fc
  .oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom("", " padded ", "1000", "2025-02-01", "null"),
  )
  .map((value) => ({ row: { name: "", type: "string", value }, sent: value }));

const removeCaseArb: fc.Arbitrary<RowCase> = fc
  .constantFrom("", "anything")
  .map((value) => ({ row: { name: "", type: "remove", value }, sent: null }));

export const valueCaseArb = fc.oneof(stringCaseArb, numericCaseArb, dateCaseArb, removeCaseArb);

const rowCasesArb = (group: "user" | "company") =>
  fc
    .uniqueArray(
      fc.record({
        name: validNameArb.filter((name) => group === "user" || name !== "id"),
        valueCase: valueCaseArb,
      }),
      { selector: ({ name }) => name, maxLength: 6 },
    )
    .map((rows) =>
      rows.map(({ name, valueCase }): RowCase => ({ ...valueCase, row: { ...valueCase.row, name } })),
    );

const sentProperties = (cases: RowCase[]) =>
  Object.fromEntries(cases.map(({ row, sent }) => [row.name, sent]));

export const validFormCaseArb: fc.Arbitrary<FormCase> = fc
  .record({
    userId: validIdArb,
    userRows: rowCasesArb("user"),
    company: fc.option(fc.record({ id: validIdArb, rows: rowCasesArb("company") }), { nil: undefined }),
  })
  .map(({ userId, userRows, company }) => {
    const values: IdentifyFormValues = {
      userId,
      properties: userRows.map(({ row }) => row),
      companyId: company?.id ?? "",
      companyProperties: company?.rows.map(({ row }) => row) ?? [],
    };
    const expected: IdentifyPayload = { user_id: userId };
    if (userRows.length > 0) expected.metadata = sentProperties(userRows);
    if (company) expected.company = { id: company.id, ...sentProperties(company.rows) };
    return { values, expected };
  });
