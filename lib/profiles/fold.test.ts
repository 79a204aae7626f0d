import { describe, expect, it } from "vitest";
import { changesOf, isAccepted } from "./fold";

describe("changesOf", () => {
  it("sets typed values as encoded, removes Remove rows, names the company, last duplicate wins", () => {
    expect(
      changesOf({
        identifies: "user",
        values: {
          userId: "u1",
          properties: [
            { name: "seats", type: "numeric", value: "1000.0" },
            { name: "trial", type: "remove", value: "" },
            { name: "plan", type: "string", value: "free" },
            { name: "plan", type: "string", value: "pro" },
            { name: "", type: "string", value: "unnamed" },
          ],
          companyId: "acme",
          companyProperties: [
            { name: "id", type: "string", value: "not-the-id" },
            { name: "founded", type: "date", value: "2020-01-02" },
          ],
        },
      }),
    ).toEqual({
      user: { userId: "u1", companyId: "acme" },
      company: { companyId: "acme" },
      properties: [
        { kind: "set", group: "user", ownerId: "u1", name: "seats", type: "numeric", value: 1000 },
        { kind: "remove", group: "user", ownerId: "u1", name: "trial" },
        { kind: "set", group: "user", ownerId: "u1", name: "plan", type: "string", value: "pro" },
        { kind: "set", group: "company", ownerId: "acme", name: "founded", type: "date", value: "2020-01-02" },
      ],
    });
  });

  it("a send without a company leaves the user's company alone; Identify Company touches no user", () => {
    const values = { userId: "u1", properties: [], companyId: "", companyProperties: [] };
    expect(changesOf({ identifies: "user", values })).toEqual({ user: { userId: "u1", companyId: null }, company: null, properties: [] });
    expect(
      changesOf({
        identifies: "company",
        values: { ...values, properties: [{ name: "plan", type: "string", value: "x" }], companyId: "acme" },
      }),
    ).toEqual({ user: null, company: { companyId: "acme" }, properties: [] });
  });
});

describe("isAccepted", () => {
  it("takes any 2xx and nothing else", () => {
    expect([199, 200, 202, 299, 300, 400, null, undefined].map(isAccepted)).toEqual([false, true, true, true, false, false, false, false]);
  });
});
