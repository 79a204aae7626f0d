import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry";

describe("backoffDelay", () => {
  it("follows Userpilot's recommended 1, 2, 4, 8 s for a base of 1000 ms", () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });

  it("doubles from whatever base it is given", () => {
    expect([1, 2, 3].map((retry) => backoffDelay(retry, 10))).toEqual([10, 20, 40]);
  });

  it("waits nothing with a base of 0", () => {
    expect(backoffDelay(3, 0)).toBe(0);
  });
});

describe("isRetryableStatus", () => {
  it.each([429, 500, 502, 503, 504, 599])("retries %i", (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 202, 400, 401, 403, 404, 409, 413, 422])("never retries %i", (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2030-01-01T00:00:00.000Z");

  it("reads whole seconds as milliseconds", () => {
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("0", now)).toBe(0);
  });

  it("reads decimal seconds, rounded to the millisecond", () => {
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("0.0004", now)).toBe(0);
    expect(parseRetryAfter("2.0006", now)).toBe(2001);
  });

  it("ignores surrounding spaces", () => {
    expect(parseRetryAfter("  3 ", now)).toBe(3000);
  });

  it("reads an HTTP date relative to the injected now", () => {
    expect(parseRetryAfter("Tue, 01 Jan 2030 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Tue, 01 Jan 2030 00:01:00 GMT", now)).toBe(60_000);
  });

  it("uses the clock it is given, not the real one", () => {
    const header = "Tue, 01 Jan 2030 00:00:10 GMT";
    expect(parseRetryAfter(header, now + 4000)).toBe(6000);
  });

  it("never asks for a negative wait when the date is already past", () => {
    expect(parseRetryAfter("Mon, 31 Dec 2029 23:59:00 GMT", now)).toBe(0);
  });

  it("can ask for more than the client is willing to wait", () => {
    expect(parseRetryAfter("31", now)).toBeGreaterThan(MAX_RETRY_AFTER_MS);
  });

  it.each(["garbage", "soon", "1e3", "12 abc", "NaN"])("gives undefined for unreadable %j", (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });

  it.each(["", "   "])("gives undefined for an empty header %j", (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });

  it("gives undefined for an absent header", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("parseRetryAfter rejects what only looks like a date", () => {
  it.each(["1,5", "-1", "+5", "Sat 12", "foo 12"])("%s is ignored", (header) => {
    expect(parseRetryAfter(header, 0)).toBeUndefined();
  });

  it("ignores a date with text before or after it, which Date.parse alone would read", () => {
    expect(parseRetryAfter("foo Tue, 01 Jan 2030 00:00:05 GMT", 0)).toBeUndefined();
    expect(parseRetryAfter("Tue, 01 Jan 2030 00:00:05 GMT+0100", 0)).toBeUndefined();
  });

  it("ignores a date of the right form that is no date", () => {
    expect(parseRetryAfter("Mon, 99 Jan 2030 00:00:00 GMT", 0)).toBeUndefined();
  });
});

