import { describe, expect, it } from "vitest";
import type { IdentifyFormValues, PropertyRow } from "@/lib/identify/schema";
import { diffProfile } from "./diff";
import { formDrifts, unchangedCount, withoutUnchanged } from "./form-changes";
import type { KnownValue, RegistryEntry } from "./types";

const row = (name: string, type: PropertyRow["type"], value: string): PropertyRow => ({ name, type, value });
const known = (value: string | number, type: KnownValue["type"]): KnownValue => ({
  value,
  type,
  changedAt: 1,
  changedBy: null,
  historyId: "h1",
  masked: false,
});
const entry = (name: string, group: RegistryEntry["group"], types: RegistryEntry["types"], established: RegistryEntry["established"]): RegistryEntry => ({
  name,
  group,
  types,
  established,
  total: Object.values(types).reduce((sum, n) => sum + (n ?? 0), 0),
});

const values: IdentifyFormValues = {
  userId: "u1",
  properties: [row("plan", "string", "enterprise"), row("seats", "numeric", "5"), row("trial", "remove", "")],
  companyId: "acme",
  companyProperties: [row("size", "numeric", "10"), row("plan", "string", "pro")],
};

describe("formDrifts", () => {
  const registry = [
    entry("seats", "user", { numeric: 1240, string: 2 }, "numeric"),
    entry("size", "company", { string: 3 }, "string"),
    entry("plan", "user", { string: 7 }, "string"),
  ];

  it("names each row sent as another type than its established one, with the counts", () => {
    const drifts = formDrifts(registry, { ...values, properties: [row("seats", "string", "5")] }, "user");
    expect(drifts.map((drift) => [drift.group, drift.name, drift.message])).toEqual([
      ["user", "seats", "seats was sent as Numeric 1,240 times; sending String splits segments"],
      ["company", "size", "size was sent as String 3 times; sending Numeric splits segments"],
    ]);
  });

  it("leaves out the user rows of a company send and the company rows without a company id", () => {
    const drifting = { ...values, properties: [row("seats", "string", "5")] };
    expect(formDrifts(registry, drifting, "company").map((drift) => drift.name)).toEqual(["size"]);
    expect(formDrifts(registry, { ...drifting, companyId: "" }, "user").map((drift) => drift.name)).toEqual(["seats"]);
  });

  it("finds nothing for established types, unknown names and removals", () => {
    const rows = [row("plan", "string", "x"), row("new_one", "date", "2025-01-01"), row("seats", "remove", "")];
    expect(formDrifts(registry, { ...values, properties: rows, companyId: "" }, "user")).toEqual([]);
  });
});

describe("withoutUnchanged", () => {
  it("drops exactly the unchanged rows of both groups, keeping the order of the rest", () => {
    const diff = diffProfile(
      {
        user: { companyId: "acme", properties: { plan: known("pro", "string"), seats: known(5, "numeric"), trial: known("yes", "string") } },
        company: { properties: { size: known(10, "numeric") } },
      },
      values,
    );
    expect(unchangedCount(diff)).toBe(2);
    expect(withoutUnchanged(values, diff)).toEqual({
      ...values,
      properties: [row("plan", "string", "enterprise"), row("trial", "remove", "")],
      companyProperties: [row("plan", "string", "pro")],
    });
  });

  it("keeps everything when nothing is known", () => {
    const diff = diffProfile({}, values);
    expect(unchangedCount(diff)).toBe(0);
    expect(withoutUnchanged(values, diff)).toEqual(values);
  });
});
