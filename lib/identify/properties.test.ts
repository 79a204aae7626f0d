import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeIsoDate } from "./date";
import { formValuesFromPayload } from "./from-payload";
import { parseNumeric } from "./numeric";
import { buildIdentifyPayload } from "./payload";
import { identifyFormSchema } from "./schema";
import { badDateArb, badNumericArb, invalidFormCaseArb } from "./testing/invalid-form-arbitraries";
import {
  calendarYearArb,
  daysInMonthByDate,
  exactNumberArb,
  validFormCaseArb,
} from "./testing/valid-form-arbitraries";

// What goes over the wire: JSON has no -0 and no undefined, so compare after a JSON round trip.
const asSentJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("properties of the identify form", () => {
  it("accepts every valid form and builds exactly the JSON Userpilot expects", () => {
    fc.assert(
      fc.property(validFormCaseArb, ({ values, expected }) => {
        const result = identifyFormSchema.safeParse(values);
        expect(result.error?.issues ?? []).toEqual([]);
        expect(asSentJson(buildIdentifyPayload(values))).toStrictEqual(asSentJson(expected));
      }),
      { numRuns: 300 },
    );
  });

  it("rebuilds the same JSON from a sent payload (edit and resend)", () => {
    fc.assert(
      fc.property(validFormCaseArb, ({ values }) => {
        const sent = asSentJson(buildIdentifyPayload(values));
        const reloaded = formValuesFromPayload(sent);
        expect(identifyFormSchema.safeParse(reloaded).success).toBe(true);
        expect(asSentJson(buildIdentifyPayload(reloaded))).toStrictEqual(sent);
      }),
      { numRuns: 300 },
    );
  });

  it("reports every invalid value at the path of that field, and only there", () => {
    fc.assert(
      fc.property(invalidFormCaseArb, ({ values, path }) => {
        const result = identifyFormSchema.safeParse(values);
        expect(result.success).toBe(false);
        const issues = result.error?.issues ?? [];
        expect(issues.map((issue) => issue.path)).toEqual([path]);
        expect(issues[0]?.message).toMatch(/\w{3,}/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("properties of the value checks", () => {
  it("agrees with JS Date on which days exist", () => {
    fc.assert(
      fc.property(
        calendarYearArb,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          expect(normalizeIsoDate(text).ok).toBe(day <= daysInMonthByDate(year, month));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads back every exact number from its usual spellings", () => {
    fc.assert(
      fc.property(exactNumberArb, (n) => {
        expect(parseNumeric(String(n))).toEqual({ ok: true, value: n });
        expect(parseNumeric(n.toExponential())).toEqual({ ok: true, value: n });
      }),
    );
  });

  it("rejects every malformed number and date with a message", () => {
    fc.assert(
      fc.property(badNumericArb, badDateArb, (numeric, date) => {
        expect(parseNumeric(numeric)).toMatchObject({ ok: false, message: expect.stringMatching(/\w{3,}/) });
        expect(normalizeIsoDate(date)).toMatchObject({ ok: false, message: expect.stringMatching(/\w{3,}/) });
      }),
      { numRuns: 500 },
    );
  });
});
