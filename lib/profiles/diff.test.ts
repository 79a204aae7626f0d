import { describe, expect, it } from "vitest";
import { diffChangesAnything, diffProfile } from "./diff";
import { typeDrift } from "./drift";
import type { KnownValue, RegistryEntry } from "./types";

const known = (value: string | number, type: KnownValue["type"], masked = false): KnownValue => ({
  value,
  type,
  changedAt: 1,
  changedBy: null,
  historyId: "h1",
  masked,
});

const user = {
  companyId: "acme",
  properties: { plan: known("pro", "string"), seats: known(5, "numeric"), trial: known("yes", "string"), email: known("[redacted]", "string", true) },
};

describe("diffProfile", () => {
  it("sorts rows into added, changed (old and new type), removed and unchanged, compared as encoded", () => {
    const diff = diffProfile(
      { user },
      {
        properties: [
          { name: "plan", type: "string", value: "enterprise" },
          { name: "seats", type: "numeric", value: "5.0" },
          { name: "trial", type: "remove", value: "" },
          { name: "never", type: "remove", value: "" },
          { name: "region", type: "string", value: "eu" },
          { name: "email", type: "string", value: "a@b.example" },
          { name: "", type: "string", value: "unnamed" },
        ],
        companyId: "",
        companyProperties: [],
      },
    );
    expect(diff.user).toEqual({
      added: [{ row: 4, name: "region", type: "string", value: "eu" }],
      changed: [
        { row: 0, name: "plan", old: { value: "pro", type: "string", masked: false }, new: { value: "enterprise", type: "string" } },
        { row: 5, name: "email", old: { value: "[redacted]", type: "string", masked: true }, new: { value: "a@b.example", type: "string" } },
      ],
      removed: [
        { row: 2, name: "trial", old: { value: "yes", type: "string" } },
        { row: 3, name: "never", old: null },
      ],
      unchanged: [{ row: 1, name: "seats", type: "numeric", value: 5 }],
    });
    expect(diff.companyMove).toBeNull();
    expect(diffChangesAnything(diff)).toBe(true);
  });

  it("a type change of the same text is a change", () => {
    const diff = diffProfile({ user }, { properties: [{ name: "seats", type: "string", value: "5" }], companyId: "", companyProperties: [] });
    expect(diff.user.changed).toEqual([
      { row: 0, name: "seats", old: { value: 5, type: "numeric", masked: false }, new: { value: "5", type: "string" } },
    ]);
  });

  it("names both companies of a move, and none when the company is the same or unknown", () => {
    const values = { properties: [], companyId: "globex", companyProperties: [{ name: "tier", type: "string" as const, value: "gold" }] };
    const diff = diffProfile({ user, company: { properties: { tier: known("gold", "string") } } }, values);
    expect(diff.companyMove).toEqual({ from: "acme", to: "globex" });
    expect(diff.company.unchanged).toEqual([{ row: 0, name: "tier", type: "string", value: "gold" }]);
    expect(diffProfile({ user }, { ...values, companyId: "acme" }).companyMove).toBeNull();
    expect(diffProfile({ user: { companyId: null, properties: {} } }, values).companyMove).toBeNull();
    expect(diffProfile({ user }, values, "company").companyMove).toBeNull();
  });

  it("Identify Company diffs only the company part; nothing sent but unchanged values changes nothing", () => {
    const diff = diffProfile(
      { user, company: { properties: { tier: known("gold", "string") } } },
      { properties: [{ name: "plan", type: "string", value: "x" }], companyId: "acme", companyProperties: [{ name: "tier", type: "string", value: "gold" }] },
      "company",
    );
    expect(diff.user).toEqual({ added: [], changed: [], removed: [], unchanged: [] });
    expect(diffChangesAnything(diff)).toBe(false);
  });
});

describe("typeDrift", () => {
  const registry: RegistryEntry[] = [
    { name: "seats", group: "user", types: { numeric: 1240, string: 3 }, established: "numeric", total: 1243 },
  ];
  it("names the established type and its count", () => {
    expect(typeDrift(registry, "user", "seats", "string")).toMatchObject({
      established: "numeric",
      establishedCount: 1240,
      sendingCount: 3,
      message: "seats was sent as Numeric 1,240 times; sending String splits segments",
    });
  });
  it("is silent for the established type, a removal, an unknown name or the other group", () => {
    expect(typeDrift(registry, "user", "seats", "numeric")).toBeNull();
    expect(typeDrift(registry, "user", "seats", "remove")).toBeNull();
    expect(typeDrift(registry, "user", "plan", "string")).toBeNull();
    expect(typeDrift(registry, "company", "seats", "string")).toBeNull();
  });
});
