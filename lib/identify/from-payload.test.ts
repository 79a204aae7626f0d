import { describe, expect, it } from "vitest";
import { formValuesFromPayload } from "./from-payload";
import { emptyFormValues } from "./schema";

describe("formValuesFromPayload", () => {
  it("turns each JSON value back into a typed row", () => {
    const values = formValuesFromPayload({
      user_id: "user_001",
      metadata: {
        seats: 12,
        ratio: -0.5,
        legacy: null,
        created_at: "2025-02-01T10:00:00+02:00",
        birthday: "1990-07-14",
        loose_date: "2025-02-01 10:00Z",
        name: "Jane",
        beta: true,
        paused: false,
      },
      company: { id: "company_001", name: "Acme", founded: "2001-01-01" },
    });
    expect(values).toStrictEqual({
      userId: "user_001",
      properties: [
        { name: "seats", type: "numeric", value: "12" },
        { name: "ratio", type: "numeric", value: "-0.5" },
        { name: "legacy", type: "remove", value: "" },
        { name: "created_at", type: "date", value: "2025-02-01T10:00:00+02:00" },
        { name: "birthday", type: "date", value: "1990-07-14" },
        { name: "loose_date", type: "string", value: "2025-02-01 10:00Z" },
        { name: "name", type: "string", value: "Jane" },
        { name: "beta", type: "string", value: "true" },
        { name: "paused", type: "string", value: "false" },
      ],
      companyId: "company_001",
      companyProperties: [
        { name: "name", type: "string", value: "Acme" },
        { name: "founded", type: "date", value: "2001-01-01" },
      ],
    });
  });

  it.each([null, undefined, 42, "text", [], [{ user_id: "u" }]])("returns the empty form for %j", (junk) => {
    expect(formValuesFromPayload(junk)).toStrictEqual(emptyFormValues());
  });

  it("keeps what it can from a partly malformed body", () => {
    const values = formValuesFromPayload({
      user_id: { nested: true },
      metadata: ["not", "an", "object"],
      company: { name: "No id", tags: ["a"], address: { city: "Paris" } },
    });
    expect(values).toStrictEqual({
      userId: "",
      properties: [],
      companyId: "",
      companyProperties: [{ name: "name", type: "string", value: "No id" }],
    });
  });

  it("reads numeric ids as text", () => {
    const values = formValuesFromPayload({ user_id: 42, company: { id: 7 } });
    expect(values.userId).toBe("42");
    expect(values.companyId).toBe("7");
  });
});

describe("formValuesFromPayload with values JSON cannot hold", () => {
  it("drops non-finite numbers rather than writing them as text", () => {
    const values = formValuesFromPayload({
      user_id: Number.POSITIVE_INFINITY,
      metadata: { big: Number.POSITIVE_INFINITY, nan: Number.NaN, ok: 1 },
      company: { id: Number.NaN },
    });
    expect(values).toStrictEqual({
      userId: "",
      properties: [{ name: "ok", type: "numeric", value: "1" }],
      companyId: "",
      companyProperties: [],
    });
  });
});
