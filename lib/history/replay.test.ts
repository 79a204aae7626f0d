import { describe, expect, it } from "vitest";
import { replayValues } from "./replay";

const row = (formValues: unknown, requestBody: unknown = null) => ({
  form_values: formValues === undefined ? "null" : JSON.stringify(formValues),
  request_body: JSON.stringify(requestBody),
});

describe("replayValues", () => {
  it("gives back the stored form values, each property with its type", () => {
    const values = {
      userId: "user_001",
      companyId: "acme",
      properties: [
        { name: "plan", type: "string", value: "pro" },
        { name: "seats", type: "numeric", value: "3" },
        { name: "nickname", type: "remove", value: "" },
      ],
      companyProperties: [{ name: "since", type: "date", value: "2024-01-02" }],
    };
    expect(replayValues(row(values, { user_id: "someone_else" }))).toEqual({ values, droppedRedacted: [] });
  });

  it("leaves out masked values, user and company properties alike, and names them", () => {
    const result = replayValues(
      row({
        userId: "user_001",
        companyId: "acme",
        properties: [
          { name: "email", type: "string", value: "[redacted]" },
          { name: "plan", type: "string", value: "pro" },
          // A Remove row sends null whatever its value: it stays.
          { name: "name", type: "remove", value: "[redacted]" },
        ],
        companyProperties: [{ name: "billing_email", type: "string", value: "[redacted]" }],
      }),
    );
    expect(result.droppedRedacted).toEqual(["email", "billing_email"]);
    expect(result.values).toEqual({
      userId: "user_001",
      companyId: "acme",
      properties: [
        { name: "plan", type: "string", value: "pro" },
        { name: "name", type: "remove", value: "[redacted]" },
      ],
      companyProperties: [],
    });
  });

  it("fills in what an older or partial record lacks", () => {
    expect(replayValues(row({ userId: "u2", companyId: 7, properties: [{ name: "p", type: "weird", value: "v" }] })).values).toEqual({
      userId: "u2",
      companyId: "",
      properties: [],
      companyProperties: [],
    });
  });

  it("rebuilds the values from the sent body when no form values were stored", () => {
    const result = replayValues(
      row(undefined, { user_id: "u3", metadata: { email: "[redacted]", seats: 4 }, company: { id: "c1", tier: "gold" } }),
    );
    expect(result).toEqual({
      values: {
        userId: "u3",
        companyId: "c1",
        properties: [{ name: "seats", type: "numeric", value: "4" }],
        companyProperties: [{ name: "tier", type: "string", value: "gold" }],
      },
      droppedRedacted: ["email"],
    });
  });

  it("falls back to the body when the stored form values are not a form", () => {
    expect(replayValues(row({ user: "u4" }, { user_id: "u4", metadata: { plan: "free" } })).values).toMatchObject({
      userId: "u4",
      properties: [{ name: "plan", type: "string", value: "free" }],
    });
  });
});
