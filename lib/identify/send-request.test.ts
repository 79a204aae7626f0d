import { describe, expect, it } from "vitest";
import { formSchemaFor, sentValues, type IdentifyFormValues, type PropertyRow } from "./schema";
import { identifySendEnvelopeSchema, identifySendRequestSchema } from "./send-request";

const row = (name: string, type: PropertyRow["type"], value: string): PropertyRow => ({ name, type, value });

const companyOnly = (): IdentifyFormValues => ({
  userId: "",
  properties: [],
  companyId: "acme",
  companyProperties: [row("plan", "string", "pro"), row("seats", "numeric", "12")],
});

function issuesOf(values: unknown) {
  const result = formSchemaFor("company").safeParse(values);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe("what a send identifies", () => {
  it("is a user unless the body says company, and nothing else", () => {
    const envelope = { environmentId: null, replayOf: null, values: {} };
    expect(identifySendEnvelopeSchema.parse(envelope).identifies).toBe("user");
    expect(identifySendEnvelopeSchema.parse({ ...envelope, identifies: "company" }).identifies).toBe("company");
    const wrong = identifySendEnvelopeSchema.safeParse({ ...envelope, identifies: "account" });
    expect(wrong.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["identifies"], 'identifies must be "user" or "company"'],
    ]);
  });

  it("accepts a company with its properties and no user part", () => {
    expect(issuesOf(companyOnly())).toEqual([]);
    expect(formSchemaFor("company").parse(companyOnly())).toEqual(companyOnly());
  });

  it("needs a company id to identify a company", () => {
    expect(issuesOf({ ...companyOnly(), companyId: "" })).toEqual([
      { path: ["companyId"], message: "Company ID is required to identify a company" },
    ]);
    expect(issuesOf({ ...companyOnly(), companyId: " acme" })).toEqual([
      { path: ["companyId"], message: "Company ID has a space at the start or end; remove it" },
    ]);
  });

  it("refuses a user id or user properties in a company send, naming each", () => {
    expect(issuesOf({ ...companyOnly(), userId: "u1" })).toEqual([
      { path: ["userId"], message: "A company is identified without a user: leave User ID empty" },
    ]);
    expect(issuesOf({ ...companyOnly(), properties: [row("plan", "string", "pro")] })).toEqual([
      { path: ["properties"], message: "A company is identified without user properties" },
    ]);
  });

  it("checks company rows as a user send does: repeated names, a row named id, bad values", () => {
    const rows = [row("plan", "string", "a"), row("plan", "string", "b"), row("id", "string", "x"), row("seats", "numeric", "lots")];
    const paths = issuesOf({ ...companyOnly(), companyProperties: rows }).map((issue) => issue.path.join("."));
    expect(paths.sort()).toEqual(["companyProperties.1.name", "companyProperties.2.name", "companyProperties.3.value"]);
  });

  it("keeps the user rules for a user send: no user id is refused", () => {
    const result = formSchemaFor("user").safeParse(companyOnly());
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["userId"]);
  });

  it("drops the hidden user part from a company send's values, and nothing from a user send's", () => {
    const typed = { ...companyOnly(), userId: "u1", properties: [row("plan", "string", "pro")] };
    expect(sentValues(typed, "company")).toEqual(companyOnly());
    expect(sentValues(typed, "user")).toBe(typed);
  });

  it("checks the whole body by the rules of what it identifies", () => {
    const body = { environmentId: null, replayOf: null, identifies: "company", values: companyOnly() };
    expect(identifySendRequestSchema.safeParse(body).success).toBe(true);
    expect(identifySendRequestSchema.safeParse({ ...body, identifies: "user" }).success).toBe(false);
    expect(identifySendRequestSchema.safeParse({ ...body, values: { ...companyOnly(), userId: "u1" } }).success).toBe(false);
  });
});
