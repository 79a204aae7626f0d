import { describe, expect, it } from "vitest";
import { REDACTED, redactFieldErrors, redactFormValues, redactPayload, redactText } from "./redact";

const NAMES = ["email", "name"];

const row = (name: string, type: string, value: string) => ({ name, type, value });

function form() {
  return {
    userId: "user_001",
    companyId: "company_001",
    properties: [
      row("email", "string", "ada@example.com"),
      row("name", "string", "Ada Lovelace"),
      row("plan", "string", "pro"),
      row("seats", "numeric", "3"),
    ],
    companyProperties: [row("name", "string", "Acme"), row("tier", "string", "gold")],
  };
}

describe("redactFormValues", () => {
  it("masks the values of the configured names in both groups", () => {
    const redacted = redactFormValues(form(), NAMES);
    expect(redacted.properties).toEqual([
      row("email", "string", REDACTED),
      row("name", "string", REDACTED),
      row("plan", "string", "pro"),
      row("seats", "numeric", "3"),
    ]);
    expect(redacted.companyProperties).toEqual([
      row("name", "string", REDACTED),
      row("tier", "string", "gold"),
    ]);
    expect(REDACTED).toBe("[redacted]");
  });

  it("keeps the ids and any other field as they are", () => {
    const redacted = redactFormValues(form(), NAMES);
    expect(redacted.userId).toBe("user_001");
    expect(redacted.companyId).toBe("company_001");
  });

  it("leaves a Remove row as it is: there is no value to hide", () => {
    const values = { ...form(), properties: [row("email", "remove", "")] };
    expect(redactFormValues(values, NAMES).properties).toEqual([row("email", "remove", "")]);
  });

  it("drops whatever a Remove row carried, masked name or not", () => {
    const values = { ...form(), properties: [row("email", "remove", "a@b.c"), row("plan", "remove", "pro")] };
    expect(redactFormValues(values, NAMES).properties).toEqual([
      row("email", "remove", ""),
      row("plan", "remove", ""),
    ]);
  });

  it("matches whole names, ignoring case", () => {
    const values = {
      ...form(),
      properties: [row("Email", "string", "a@b.c"), row("email_verified", "string", "yes")],
    };
    expect(redactFormValues(values, NAMES).properties).toEqual([
      row("Email", "string", REDACTED),
      row("email_verified", "string", "yes"),
    ]);
  });

  it("masks nothing with an empty list", () => {
    expect(redactFormValues(form(), [])).toEqual(form());
  });

  it("does not mutate its input", () => {
    const values = form();
    const snapshot = structuredClone(values);
    const redacted = redactFormValues(values, NAMES);
    expect(values).toEqual(snapshot);
    expect(redacted.properties).not.toBe(values.properties);
    expect(redacted.properties[0]).not.toBe(values.properties[0]);
  });
});

describe("redactPayload", () => {
  function payload() {
    return {
      user_id: "user_001",
      metadata: { email: "ada@example.com", name: "Ada", plan: "pro", seats: 3, legacy: null } as Record<
        string,
        unknown
      >,
      company: { id: "company_001", name: "Acme", tier: "gold" } as Record<string, unknown>,
    };
  }

  it("masks the configured names in metadata and company, leaving the rest", () => {
    expect(redactPayload(payload(), NAMES)).toEqual({
      user_id: "user_001",
      metadata: { email: REDACTED, name: REDACTED, plan: "pro", seats: 3, legacy: null },
      company: { id: "company_001", name: REDACTED, tier: "gold" },
    });
  });

  it("leaves a null (a removed property) as null", () => {
    const body = { user_id: "u1", metadata: { email: null, name: "Ada" } };
    expect(redactPayload(body, NAMES).metadata).toEqual({ email: null, name: REDACTED });
  });

  it("never masks the company id, even when id is a configured name", () => {
    const redacted = redactPayload(payload(), ["id", "tier"]);
    expect(redacted.company).toEqual({ id: "company_001", name: "Acme", tier: REDACTED });
    // In metadata an "id" property is an ordinary name and is masked.
    expect(redactPayload({ user_id: "u1", metadata: { id: "x" } }, ["id"]).metadata).toEqual({
      id: REDACTED,
    });
  });

  it("masks a number or a boolean too", () => {
    expect(
      redactPayload({ user_id: "u1", metadata: { seats: 3, vip: true } }, ["seats", "vip"]).metadata,
    ).toEqual({
      seats: REDACTED,
      vip: REDACTED,
    });
  });

  it("adds no metadata or company key that was not there", () => {
    const bare: { user_id: string; metadata?: Record<string, unknown> } = { user_id: "u1" };
    const redacted = redactPayload(bare, NAMES);
    expect(redacted).toEqual({ user_id: "u1" });
    expect(Object.keys(redacted)).toEqual(["user_id"]);
  });

  it("does not mutate its input", () => {
    const body = payload();
    const snapshot = structuredClone(body);
    const redacted = redactPayload(body, NAMES);
    expect(body).toEqual(snapshot);
    expect(redacted.metadata).not.toBe(body.metadata);
    expect(redacted.company).not.toBe(body.company);
  });
});

describe("redactText", () => {
  it("replaces every masked value, raw or JSON-escaped, and leaves the rest", () => {
    const values = {
      ...form(),
      properties: [row("email", "string", 'a"b@c.d'), row("plan", "string", "pro")],
    };
    const text = `{"message":"a\\"b@c.d is bad; so is a"b@c.d; plan pro"}`;
    expect(redactText(text, values, NAMES)).toBe(
      `{"message":"${REDACTED} is bad; so is ${REDACTED}; plan pro"}`,
    );
  });

  it("replaces the longer of two overlapping values first", () => {
    const values = {
      ...form(),
      properties: [row("name", "string", "Ada"), row("email", "string", "Ada Lovelace")],
    };
    expect(redactText("Ada Lovelace", values, NAMES)).toBe(REDACTED);
  });

  it("ignores empty values, Remove rows and names not configured", () => {
    const values = {
      ...form(),
      properties: [row("email", "string", ""), row("name", "remove", "x"), row("plan", "string", "pro")],
    };
    expect(redactText("x pro", values, NAMES)).toBe("x pro");
  });
});

describe("redactFieldErrors", () => {
  it("withholds the message of a masked row's value and masks values quoted elsewhere", () => {
    const values = {
      ...form(),
      properties: [row("email", "numeric", "0123"), row("plan", "string", "0123")],
      companyProperties: [row("Name", "string", "Acme")],
    };
    const fields = [
      { path: "properties.0.value", message: "Remove the leading zeros: write 123" },
      { path: "properties.1.name", message: "Duplicate of 0123" },
      { path: "companyProperties.0.value", message: "Acme is taken" },
      { path: "userId", message: "User ID is required" },
    ];
    expect(redactFieldErrors(fields, values, NAMES)).toEqual([
      { path: "properties.0.value", message: `${REDACTED} (the value of a masked property was refused)` },
      { path: "properties.1.name", message: `Duplicate of ${REDACTED}` },
      {
        path: "companyProperties.0.value",
        message: `${REDACTED} (the value of a masked property was refused)`,
      },
      { path: "userId", message: "User ID is required" },
    ]);
  });
});
