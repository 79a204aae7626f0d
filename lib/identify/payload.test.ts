import { describe, expect, it } from "vitest";
import { buildIdentifyPayload } from "./payload";
import { emptyFormValues, type IdentifyFormValues, type PropertyRow } from "./schema";

const row = (name: string, type: PropertyRow["type"], value: string): PropertyRow => ({ name, type, value });

const form = (overrides: Partial<IdentifyFormValues>): IdentifyFormValues => ({
  ...emptyFormValues(),
  userId: "user_001",
  ...overrides,
});

describe("buildIdentifyPayload", () => {
  it("encodes each type the way Userpilot expects", () => {
    const payload = buildIdentifyPayload(
      form({
        properties: [
          row("name", "string", "Jane Doe"),
          row("seats", "numeric", "1e3"),
          row("ratio", "numeric", "-.5"),
          row("created_at", "date", "2025-02-01 10:00+0200"),
          row("birthday", "date", "1990-07-14"),
          row("legacy", "remove", "ignored"),
          row("zip", "string", "02134"),
        ],
        companyId: "company_001",
        companyProperties: [row("name", "string", "Acme"), row("employees", "numeric", "250")],
      }),
    );
    expect(payload).toStrictEqual({
      user_id: "user_001",
      metadata: {
        name: "Jane Doe",
        seats: 1000,
        ratio: -0.5,
        created_at: "2025-02-01T10:00:00+02:00",
        birthday: "1990-07-14",
        legacy: null,
        zip: "02134",
      },
      company: { id: "company_001", name: "Acme", employees: 250 },
    });
  });

  it("omits metadata without user properties and company without a company ID", () => {
    expect(buildIdentifyPayload(form({}))).toStrictEqual({ user_id: "user_001" });
    const withCompanyRowsOnly = form({ companyProperties: [row("name", "string", "Acme")] });
    expect(buildIdentifyPayload(withCompanyRowsOnly)).toStrictEqual({ user_id: "user_001" });
  });

  it("sends a company with only its id", () => {
    expect(buildIdentifyPayload(form({ companyId: "c1" }))).toStrictEqual({
      user_id: "user_001",
      company: { id: "c1" },
    });
  });

  it("shows invalid values as typed instead of throwing, for the live preview", () => {
    const payload = buildIdentifyPayload(
      form({
        userId: " padded ",
        properties: [
          row("seats", "numeric", "1,000"),
          row("renewal", "date", "31/12/2025"),
          row("", "string", "x"),
        ],
      }),
    );
    expect(payload).toStrictEqual({
      user_id: " padded ",
      metadata: { seats: "1,000", renewal: "31/12/2025" },
    });
  });

  it("keeps the company id when a company row is (wrongly) named id", () => {
    const payload = buildIdentifyPayload(
      form({ companyId: "c1", companyProperties: [row("id", "string", "c2")] }),
    );
    expect(payload.company).toStrictEqual({ id: "c1" });
  });

  it("lets a later duplicate win in the preview", () => {
    const payload = buildIdentifyPayload(
      form({ properties: [row("plan", "string", "a"), row("plan", "string", "b")] }),
    );
    expect(payload.metadata).toStrictEqual({ plan: "b" });
  });

  it("keeps a property named __proto__ as a property", () => {
    const payload = buildIdentifyPayload(form({ properties: [row("__proto__", "string", "x")] }));
    expect(JSON.stringify(payload)).toBe('{"user_id":"user_001","metadata":{"__proto__":"x"}}');
  });
});
