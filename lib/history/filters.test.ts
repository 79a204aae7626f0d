import { describe, expect, it } from "vitest";
import {
  filtersToSearchParams,
  historyFiltersSchema,
  historyPageQuerySchema,
  OUTCOME_FILTERS,
  searchParamsToObject,
  type HistoryFilters,
} from "./filters";

const parseParams = (params: URLSearchParams) => historyFiltersSchema.safeParse(searchParamsToObject(params));

describe("searchParamsToObject", () => {
  it("keeps every outcome entry and the first of any other key", () => {
    const params = new URLSearchParams("outcome=accepted&outcome=timeout&user=u1&user=u2&match=prefix");
    expect(searchParamsToObject(params)).toEqual({
      outcome: ["accepted", "timeout"],
      user: "u1",
      match: "prefix",
    });
  });

  it("gives one outcome as a list too", () => {
    expect(searchParamsToObject(new URLSearchParams("outcome=pending"))).toEqual({ outcome: ["pending"] });
  });
});

describe("filters in the URL", () => {
  const cases: [string, HistoryFilters][] = [
    [
      "no filter",
      { outcome: [], user: undefined, company: undefined, match: "exact", from: undefined, to: undefined },
    ],
    [
      "everything",
      {
        outcome: ["accepted", "server_error", "network_error"],
        user: "user_0001",
        company: "acme eu/ß",
        match: "prefix",
        from: Date.UTC(2025, 1, 1, 10, 0, 0, 250),
        to: Date.UTC(2025, 1, 2, 23, 59, 59, 999),
      },
    ],
    [
      "an exact company and a lower bound",
      { outcome: ["rejected"], user: undefined, company: "c&d=1", match: "exact", from: 0, to: undefined },
    ],
  ];

  it.each(cases)("round-trips %s", (_label, filters) => {
    const parsed = parseParams(filtersToSearchParams(filters));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(filters);
  });

  it("round-trips every outcome", () => {
    const all = OUTCOME_FILTERS.map((o) => o.value);
    const parsed = parseParams(filtersToSearchParams({ outcome: all }));
    expect(parsed.data?.outcome).toEqual(all);
  });

  it("writes no match=prefix without a user or company to match", () => {
    expect(filtersToSearchParams({ match: "prefix" }).has("match")).toBe(false);
    expect(filtersToSearchParams({ user: "u", match: "prefix" }).get("match")).toBe("prefix");
  });

  it("drops duplicate outcomes and blank texts", () => {
    const parsed = parseParams(new URLSearchParams("outcome=timeout&outcome=timeout&user=%20%20&company="));
    expect(parsed.data).toMatchObject({ outcome: ["timeout"], user: undefined, company: undefined });
  });

  it("refuses a user or company holding a NUL, next to it (no stored ID can hold one)", () => {
    for (const key of ["user", "company"]) {
      const parsed = parseParams(new URLSearchParams({ [key]: "acme\u0000" }));
      expect(parsed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
        [[key], "must not contain a NUL character (U+0000)"],
      ]);
    }
    expect(parseParams(new URLSearchParams({ user: "acme" })).success).toBe(true);
  });

  it("rejects an unknown outcome", () => {
    const parsed = parseParams(new URLSearchParams("outcome=accepted&outcome=teapot"));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path[0]).toBe("outcome");
  });

  it.each(["yesterday", "2025-13-45", "not a date"])("rejects the date %j", (value) => {
    for (const key of ["from", "to"]) {
      const parsed = parseParams(new URLSearchParams({ [key]: value }));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual([key]);
      expect(parsed.error?.issues[0]?.message).toMatch(/date and time/);
    }
  });

  it("rejects an unknown match mode", () => {
    expect(parseParams(new URLSearchParams("user=u&match=fuzzy")).success).toBe(false);
  });

  it("bounds the page size", () => {
    expect(historyPageQuerySchema.parse({}).limit).toBe(50);
    expect(historyPageQuerySchema.safeParse({ limit: "201" }).success).toBe(false);
    expect(historyPageQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(historyPageQuerySchema.parse({ limit: "200" }).limit).toBe(200);
  });
});

describe("filter defaults and bounds", () => {
  it("matches ids exactly unless told to match a prefix", () => {
    expect(historyFiltersSchema.parse({ user: "u" }).match).toBe("exact");
    expect(historyFiltersSchema.parse({ user: "u", match: "prefix" }).match).toBe("prefix");
    expect(historyFiltersSchema.parse({ user: "u", match: "exact" }).match).toBe("exact");
  });

  it("reads a blank time as no bound, and names the expected format for a bad one", () => {
    expect(historyFiltersSchema.parse({ from: "   ", to: "" })).toMatchObject({ from: undefined, to: undefined });
    expect(historyFiltersSchema.parse({ from: " 2025-02-01T10:00:00Z " }).from).toBe(Date.UTC(2025, 1, 1, 10));
    const bad = historyFiltersSchema.safeParse({ from: "soon" });
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual(["must be a date and time, e.g. 2025-02-01T10:00:00Z"]);
  });

  it("writes no outcome when none is chosen", () => {
    expect(filtersToSearchParams({ user: "u" }).toString()).toBe("user=u");
    expect(filtersToSearchParams({}).toString()).toBe("");
  });

  it("takes a cursor of up to 200 characters", () => {
    expect(historyPageQuerySchema.parse({ cursor: "abc" }).cursor).toBe("abc");
    expect(historyPageQuerySchema.parse({ cursor: "c".repeat(200) }).cursor).toHaveLength(200);
    expect(historyPageQuerySchema.safeParse({ cursor: "c".repeat(201) }).success).toBe(false);
  });
});
