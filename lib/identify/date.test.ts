import { describe, expect, it } from "vitest";
import { isNormalizedIsoDate, normalizeIsoDate } from "./date";

describe("normalizeIsoDate accepts ISO 8601 dates and normalises date-times", () => {
  it.each([
    ["2025-02-01", "2025-02-01"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["2025-12-31", "2025-12-31"],
    ["2025-02-01T10:00:00Z", "2025-02-01T10:00:00Z"],
    ["2025-02-01T10:00Z", "2025-02-01T10:00:00Z"],
    ["2025-02-01T10:00:00.123+02:00", "2025-02-01T10:00:00.123+02:00"],
    ["2025-02-01 10:00:00+0200", "2025-02-01T10:00:00+02:00"],
    ["2025-02-01T10:00+05", "2025-02-01T10:00:00+05:00"],
    ["2025-02-01T10:00:00+00:00", "2025-02-01T10:00:00+00:00"],
    ["2025-02-01t10:00:00z", "2025-02-01T10:00:00Z"],
    ["2025-02-01T23:59:59.123456789-14:00", "2025-02-01T23:59:59.123456789-14:00"],
    ["2025-02-01T00:00:00+14:00", "2025-02-01T00:00:00+14:00"],
    ["2025-02-01T10:00:00+05:45", "2025-02-01T10:00:00+05:45"],
  ])("%s → %s", (text, normalized) => {
    expect(normalizeIsoDate(text)).toEqual({ ok: true, value: normalized });
  });
});

describe("normalizeIsoDate rejects other dates and says what to write instead", () => {
  it.each([
    ["", "Enter a date"],
    ["  ", "Enter a date"],
    [" 2025-02-01", "Remove the spaces"],
    ["31/12/2025", "Write the date as YYYY-MM-DD, e.g. 2025-12-31"],
    ["12/31/2025", "Write the date as YYYY-MM-DD, e.g. 2025-12-31"],
    ["31.12.2025", "e.g. 2025-12-31"],
    ["31-12-2025", "e.g. 2025-12-31"],
    ["05/05/2025", "e.g. 2025-05-05"],
    ["01/02/2025", "2025-02-01 if you mean 1 February, or 2025-01-02 if you mean 2 January"],
    ["31/02/2025", "February 2025 has no day 31"],
    ["2025/12/31", "e.g. 2025-12-31"],
    ["2025-2-1", "e.g. 2025-02-01"],
    ["20250201", "e.g. 2025-02-01"],
    ["31/12/25", "four-digit year"],
    ["2025-02-30", "February 2025 has no day 30"],
    ["2025-02-29", "2025 is not a leap year"],
    ["1900-02-29", "February 1900 has no day 29"],
    ["2025-04-31", "April 2025 has no day 31"],
    ["2025-13-01", "There is no month 13"],
    ["2025-00-10", "There is no month 00"],
    ["2025-01-00", "There is no day 00"],
    ["2025-02-30T10:00:00Z", "February 2025 has no day 30"],
    ["2025-02-01T10:00", "Add a time zone: Z for UTC or an offset like +02:00"],
    ["2025-02-01T10:00:00.123", "Add a time zone"],
    ["2025-02-01T24:00:00Z", "hours go from 00 to 23"],
    ["2025-02-01T10:60Z", "minutes go from 00 to 59"],
    ["2025-02-01T10:00:60Z", "seconds go from 00 to 59"],
    ["2025-02-01T10:00+14:30", "offsets go from -14:00 to +14:00"],
    ["2025-02-01T10:00-15:00", "offsets go from -14:00 to +14:00"],
    ["2025-02-01T10:00+02:60", "Offset minutes go from 00 to 59"],
    ["2025-02-01T10:00:00 +02:00", "Remove the space before the time zone"],
    ["2025-02-01T10:00:00 UTC", "Write Z for UTC"],
    ["2025-02-01T10:00:00EST", "Z or an offset like +02:00"],
    ["2025-02-01T10:00:00.1234567890Z", "at most 9 digits"],
    ["2025-02-01T10Z", "HH:mm"],
    ["2025-02-01T", "HH:mm"],
    ["1738368000", "Unix timestamp; write it as a date and time, e.g. 2025-02-01T00:00:00Z"],
    ["1738368000000", "e.g. 2025-02-01T00:00:00Z"],
    ["tomorrow", "YYYY-MM-DD"],
  ])("%j → %s", (text, expectedFix) => {
    const result = normalizeIsoDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expectedFix);
  });
});

describe("isNormalizedIsoDate", () => {
  it.each([
    ["2025-02-01", true],
    ["2025-02-01T10:00:00Z", true],
    ["2025-02-01T10:00:00.5+02:00", true],
    ["2025-02-01T10:00Z", false],
    ["2025-02-01 10:00:00+02:00", false],
    ["2025-02-01T10:00:00+0200", false],
    ["2025-02-30", false],
    ["hello", false],
  ])("%s → %s", (text, expected) => {
    expect(isNormalizedIsoDate(text)).toBe(expected);
  });
});

describe("normalizeIsoDate: the exact fix for each way of writing a date", () => {
  const GENERIC =
    "Write the date as YYYY-MM-DD, e.g. 2025-12-31, or a date and time with a time zone, e.g. 2025-12-31T10:00:00Z";
  it.each([
    // Day first or month first, named both ways unless only one reading is a date.
    ["01/02/0099", "Write the date as YYYY-MM-DD: 0099-02-01 if you mean 1 February, or 0099-01-02 if you mean 2 January"],
    ["29/02/2025", "February 2025 has no day 29 (2025 is not a leap year); write dates as YYYY-MM-DD"],
    ["00/12/2025", "There is no day 00: days start at 01; write dates as YYYY-MM-DD"],
    ["32/01/2025", "Write the date as YYYY-MM-DD, e.g. 2025-12-31"],
    ["32/13/2025", "Write the date as YYYY-MM-DD, e.g. 2025-12-31"],
    ["13/13/2025", "Write the date as YYYY-MM-DD, e.g. 2025-12-31"],
    // Year first.
    ["2025/12/1", "Write the date as YYYY-MM-DD, e.g. 2025-12-01"],
    ["2025/1/12", "Write the date as YYYY-MM-DD, e.g. 2025-01-12"],
    ["20250230", "February 2025 has no day 30"],
    ["1/2/25", "Write the date as YYYY-MM-DD with a four-digit year, e.g. 2025-12-31"],
    ["1738368000123", "This looks like a Unix timestamp; write it as a date and time, e.g. 2025-02-01T00:00:00.123Z"],
    // Only whole texts are read as one of those forms.
    ["101/02/2025", GENERIC],
    ["01/02/20255", GENERIC],
    ["12025/02/01", GENERIC],
    ["2025/02/011", GENERIC],
    ["123/4/25", GENERIC],
    ["1/2/253", GENERIC],
    ["17383680000001", GENERIC],
    ["12025-02-01", GENERIC],
    ["2025-02-011", GENERIC],
  ])("%j → %s", (text, message) => {
    expect(normalizeIsoDate(text)).toEqual({ ok: false, message });
  });

  it.each([
    ["2025-02-01Tx10:00Z", "Write the time as HH:mm or HH:mm:ss with a time zone, e.g. 2025-12-31T10:00:00Z"],
    ["2025-02-01T10:00:00 UTC+1", "Remove the space before the time zone"],
    ["2025-02-01T10:00:00xutc", "Write the time zone as Z or an offset like +02:00"],
    ["2025-02-01T10:00+02 00", "Write the time zone as Z or an offset like +02:00"],
    ["2025-02-01T10:00x+02:00", "Write the time zone as Z or an offset like +02:00"],
    ["2025-02-01T10:00+02:00x", "Write the time zone as Z or an offset like +02:00"],
    ["2025-02-01T10:00:00 utc", "Write Z for UTC, e.g. 10:00:00Z"],
  ])("time %j → %s", (text, message) => {
    expect(normalizeIsoDate(text)).toEqual({ ok: false, message });
  });
});
