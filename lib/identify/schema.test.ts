import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  emptyFormValues,
  emptyRow,
  identifyFormSchema,
  type IdentifyFormValues,
  type PropertyRow,
  propertyRowSchema,
} from "./schema";

const row = (name: string, type: PropertyRow["type"], value: string): PropertyRow => ({ name, type, value });

const validForm = (): IdentifyFormValues => ({
  userId: "user_001",
  properties: [
    row("name", "string", "Jane Doe"),
    row("nickname", "string", ""),
    row("seats", "numeric", "12"),
    row("created_at", "date", "2025-02-01T10:00:00Z"),
    row("legacy_flag", "remove", ""),
  ],
  companyId: "company_001",
  companyProperties: [row("name", "string", "Acme"), row("plan_renews_on", "date", "2025-12-31")],
});

function issuesOf(values: unknown) {
  const result = identifyFormSchema.safeParse(values);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

function expectOnlyIssue(values: unknown, path: (string | number)[], message: string | RegExp) {
  const issues = issuesOf(values);
  expect(issues).toHaveLength(1);
  expect(issues[0]?.path).toEqual(path);
  expect(issues[0]?.message).toMatch(message);
}

describe("identifyFormSchema", () => {
  it("accepts a complete valid form and returns it unchanged", () => {
    const values = validForm();
    expect(identifyFormSchema.parse(values)).toEqual(values);
  });

  it("accepts a user ID alone, without properties or company", () => {
    expect(issuesOf({ ...emptyFormValues(), userId: "u1" })).toEqual([]);
  });

  it("rejects the empty form on the user ID only", () => {
    expectOnlyIssue(emptyFormValues(), ["userId"], "User ID is required");
  });

  it.each([
    ["   ", /only spaces/],
    [" user_001", "User ID has a space at the start or end; remove it"],
    ["user_001\t", "User ID has a space at the start or end; remove it"],
    ["u".repeat(256), /limit is 255/],
  ])("rejects user ID %j", (userId, message) => {
    expectOnlyIssue({ ...validForm(), userId }, ["userId"], message);
  });

  it("accepts a user ID of exactly 255 characters", () => {
    expect(issuesOf({ ...validForm(), userId: "u".repeat(255) })).toEqual([]);
  });

  it.each([
    ["  ", /only spaces/],
    ["company_001 ", "Company ID has a space at the start or end; remove it"],
    ["c".repeat(256), /limit is 255/],
  ])("rejects company ID %j", (companyId, message) => {
    expectOnlyIssue({ ...validForm(), companyId }, ["companyId"], message);
  });

  it("accepts an empty company ID when there are no company properties", () => {
    expect(issuesOf({ ...validForm(), companyId: "", companyProperties: [] })).toEqual([]);
  });

  it("requires a company ID when company properties are set", () => {
    expectOnlyIssue(
      { ...validForm(), companyId: "" },
      ["companyId"],
      "Company ID is required when company properties are set",
    );
  });

  it.each([
    ["", "Enter a property name"],
    [" ", /only spaces/],
    ["plan ", "Property name has a space at the start or end; remove it"],
    ["p".repeat(256), /limit is 255/],
  ])("rejects property name %j at its row", (name, message) => {
    const values = validForm();
    values.properties[2] = row(name, "numeric", "12");
    expectOnlyIssue(values, ["properties", 2, "name"], message);
  });

  it("marks every later duplicate of a name, not the first one", () => {
    const values = validForm();
    values.properties = [
      row("plan", "string", "a"),
      row("seats", "numeric", "1"),
      row("plan", "string", "b"),
    ];
    values.properties.push(row("plan", "remove", ""));
    const issues = issuesOf(values);
    expect(issues.map((issue) => issue.path)).toEqual([
      ["properties", 2, "name"],
      ["properties", 3, "name"],
    ]);
    expect(issues[0]?.message).toBe('Duplicate property "plan": each name can be set once');
  });

  it("checks duplicates within a group only", () => {
    const values = validForm();
    expect(values.properties[0]?.name).toBe("name");
    expect(values.companyProperties[0]?.name).toBe("name");
    expect(issuesOf(values)).toEqual([]);
  });

  it("marks duplicate company property names", () => {
    const values = validForm();
    values.companyProperties.push(row("name", "string", "Acme Inc"));
    expectOnlyIssue(values, ["companyProperties", 2, "name"], /Duplicate property "name"/);
  });

  it("rejects a company property named id", () => {
    const values = validForm();
    values.companyProperties.push(row("id", "string", "c2"));
    expectOnlyIssue(values, ["companyProperties", 2, "name"], "Set the company's id in the Company ID field");
  });

  it("allows a user property named id", () => {
    const values = validForm();
    values.properties.push(row("id", "string", "x"));
    expect(issuesOf(values)).toEqual([]);
  });

  it("allows 500 properties in a group and rejects 501 on the group", () => {
    const rows = (count: number) =>
      Array.from({ length: count }, (_, i) => row(`p${i}`, "numeric", String(i)));
    expect(issuesOf({ ...validForm(), properties: rows(500) })).toEqual([]);
    expectOnlyIssue({ ...validForm(), properties: rows(501) }, ["properties"], /At most 500/);
    expectOnlyIssue({ ...validForm(), companyProperties: rows(501) }, ["companyProperties"], /At most 500/);
  });

  it("allows an empty string value and strings up to 65,535 characters", () => {
    const values = validForm();
    values.properties[0] = row("bio", "string", "x".repeat(65_535));
    expect(issuesOf(values)).toEqual([]);
    values.properties[0] = row("bio", "string", "x".repeat(65_536));
    expectOnlyIssue(values, ["properties", 0, "value"], /limit is 65,535/);
  });

  it("refuses an over-long Numeric or Date value by its length, before any pattern reads it", () => {
    const values = validForm();
    values.properties[0] = row("visits", "numeric", "1".repeat(400));
    expectOnlyIssue(values, ["properties", 0, "value"], /too large to store/);
    values.properties[0] = row("visits", "numeric", `${"1".repeat(150_000)}x`);
    expectOnlyIssue(values, ["properties", 0, "value"], "This number is 150,001 characters long; the limit is 400");
    values.properties[0] = row("renewed_at", "date", `2025-01-01T10:00:00.${"1".repeat(64)}Z`);
    expectOnlyIssue(values, ["properties", 0, "value"], "This date is 85 characters long; the limit is 64");
  });

  it.each([
    ["numeric", "1,000", /1000/],
    ["numeric", "", "Enter a number"],
    ["date", "31/12/2025", /2025-12-31/],
    ["date", "", "Enter a date"],
  ] as const)("checks a %s value %j at its row", (type, value, message) => {
    const values = validForm();
    values.companyProperties[1] = row("renewal", type, value);
    expectOnlyIssue(values, ["companyProperties", 1, "value"], message);
  });

  it("ignores the value of a remove row", () => {
    const values = validForm();
    values.properties[4] = row("legacy_flag", "remove", "not a number or a date");
    expect(issuesOf(values)).toEqual([]);
  });

  it("reports row errors and group errors together", () => {
    const values = validForm();
    values.properties = [row("seats", "numeric", "12%"), row("seats", "numeric", "3")];
    values.companyId = " acme";
    expect(issuesOf(values).map((issue) => issue.path)).toEqual(
      expect.arrayContaining([["properties", 0, "value"], ["properties", 1, "name"], ["companyId"]]),
    );
    expect(issuesOf(values)).toHaveLength(3);
  });

  it("rejects bodies that are not form values, naming the field", () => {
    expect(issuesOf(null)).toHaveLength(1);
    expectOnlyIssue({ ...validForm(), userId: undefined }, ["userId"], "User ID is missing");
    expectOnlyIssue({ ...validForm(), userId: 42 }, ["userId"], "User ID must be text");
    expectOnlyIssue({ ...validForm(), properties: {} }, ["properties"], /must be a list/);
    const values = { ...validForm(), properties: [{ name: "a", type: "boolean", value: "true" }] };
    expectOnlyIssue(values, ["properties", 0, "type"], /Choose a type/);
  });

  it("does not change input: input and output types are the same", () => {
    expectTypeOf<z.input<typeof identifyFormSchema>>().toEqualTypeOf<z.output<typeof identifyFormSchema>>();
    expectTypeOf<z.input<typeof propertyRowSchema>>().toEqualTypeOf<z.output<typeof propertyRowSchema>>();
  });
});

describe("empty values", () => {
  it("start blank and are fresh objects each time", () => {
    expect(emptyRow()).toEqual({ name: "", type: "string", value: "" });
    expect(emptyRow()).not.toBe(emptyRow());
    expect(emptyFormValues()).toEqual({ userId: "", properties: [], companyId: "", companyProperties: [] });
    expect(emptyFormValues().properties).not.toBe(emptyFormValues().properties);
  });
});

describe("identifyFormSchema's wording", () => {
  it("names the field in each message for a body that is not form values", () => {
    expectOnlyIssue({ ...validForm(), companyId: undefined }, ["companyId"], "Company ID is missing");
    expectOnlyIssue({ ...validForm(), properties: {} }, ["properties"], "User properties must be a list of rows");
    expectOnlyIssue(
      { ...validForm(), companyProperties: "x" },
      ["companyProperties"],
      "Company properties must be a list of rows",
    );
    const badRow = { ...validForm(), properties: [{ name: 1, type: "string", value: 2 }] };
    expect(issuesOf(badRow)).toEqual([
      { path: ["properties", 0, "name"], message: "Property name must be text" },
      { path: ["properties", 0, "value"], message: "Value must be text" },
    ]);
  });

  it("says how many properties are over the limit", () => {
    const rows = Array.from({ length: 502 }, (_, i) => row(`p${i}`, "string", ""));
    expectOnlyIssue(
      { ...validForm(), properties: rows },
      ["properties"],
      "At most 500 user properties can be sent at once; remove 2",
    );
  });

  it("reports rows without a name as unnamed, never as duplicates of each other", () => {
    const values = { ...validForm(), properties: [row("", "string", "a"), row("", "string", "b")] };
    expect(issuesOf(values)).toEqual([
      { path: ["properties", 0, "name"], message: "Enter a property name" },
      { path: ["properties", 1, "name"], message: "Enter a property name" },
    ]);
  });

  it("gives the length of an over-long text value", () => {
    const values = validForm();
    values.properties[0] = row("bio", "string", "x".repeat(65_536));
    expectOnlyIssue(values, ["properties", 0, "value"], "Text is 65,536 characters long; the limit is 65,535");
  });
});
