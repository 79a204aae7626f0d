import { describe, expect, it } from "vitest";
import { formFieldFor, formFieldNamedIn, formFieldOf, parseUpstreamErrors } from "./upstream-errors";

const documented = (...errors: unknown[]) => JSON.stringify({ errors });

describe("parseUpstreamErrors", () => {
  it("reads Userpilot's documented error body, field from details.field", () => {
    const body = documented({
      error: "Bad Request",
      error_code: "invalid_metadata",
      message: "Plan must be a string",
      details: { field: "metadata.plan" },
    });
    expect(parseUpstreamErrors(body)).toEqual([{ message: "Plan must be a string", field: "metadata.plan" }]);
  });

  it("reads every error in the list, in order", () => {
    const body = documented(
      {
        error: "Bad Request",
        error_code: "missing",
        message: "user_id is required",
        details: { field: "user_id" },
      },
      {
        error: "Bad Request",
        error_code: "missing",
        message: "id is required when company is sent",
        details: { field: "company.id" },
      },
    );
    expect(parseUpstreamErrors(body)).toEqual([
      { message: "user_id is required", field: "user_id" },
      { message: "id is required when company is sent", field: "company.id" },
    ]);
  });

  it("prefers details.field over a field named in the message", () => {
    const body = documented({ message: "user_id looks odd", details: { field: "metadata.seats" } });
    expect(parseUpstreamErrors(body)).toEqual([{ message: "user_id looks odd", field: "metadata.seats" }]);
  });

  it("finds a field name inside a message-only error", () => {
    expect(
      parseUpstreamErrors(documented({ message: "metadata.plan must be a string, number, boolean or null" })),
    ).toEqual([
      { message: "metadata.plan must be a string, number, boolean or null", field: "metadata.plan" },
    ]);
    expect(parseUpstreamErrors(documented({ message: "Invalid value for metadata.plan." }))).toEqual([
      { message: "Invalid value for metadata.plan.", field: "metadata.plan" },
    ]);
    expect(parseUpstreamErrors(documented({ message: "Missing user_id" }))).toEqual([
      { message: "Missing user_id", field: "user_id" },
    ]);
    expect(parseUpstreamErrors(documented({ message: "company.id is required" }))).toEqual([
      { message: "company.id is required", field: "company.id" },
    ]);
  });

  it("leaves the field off when neither details nor the message name one", () => {
    const [error] = parseUpstreamErrors(documented({ message: "Invalid API key", details: {} }));
    expect(error).toEqual({ message: "Invalid API key" });
    expect(error).not.toHaveProperty("field");
  });

  it("ignores an empty details.field", () => {
    expect(parseUpstreamErrors(documented({ message: "Something broke", details: { field: " " } }))).toEqual([
      { message: "Something broke" },
    ]);
  });

  it("falls back to error, then error_code, then a generic message", () => {
    expect(parseUpstreamErrors(documented({ error: "Unauthorized", error_code: "unauthorized" }))).toEqual([
      { message: "Unauthorized" },
    ]);
    expect(parseUpstreamErrors(documented({ error_code: "rate_limited", message: "  " }))).toEqual([
      { message: "rate_limited" },
    ]);
    expect(parseUpstreamErrors(documented({ message: 42 }))).toEqual([
      { message: "Userpilot rejected the request" },
    ]);
  });

  it.each([
    ["an empty body", ""],
    ["a non-JSON body", "<html><body>502 Bad Gateway</body></html>"],
    ["plain text", "Too Many Requests"],
    ["JSON of another shape", JSON.stringify({ message: "metadata.plan is wrong" })],
    ["an empty error list", JSON.stringify({ errors: [] })],
    ["errors that are not a list", JSON.stringify({ errors: "user_id is required" })],
    ["a JSON array", JSON.stringify([{ message: "x" }])],
    ["JSON null", "null"],
  ])("yields nothing for %s", (_label, body) => {
    expect(parseUpstreamErrors(body)).toEqual([]);
  });
});

describe("formFieldFor", () => {
  const values = {
    properties: [{ name: "plan" }, { name: "seats" }, { name: "a.b" }],
    companyProperties: [{ name: "name" }, { name: "plan" }],
  };

  it("maps user_id to the User ID field", () => {
    expect(formFieldFor("user_id", values)).toBe("userId");
  });

  it.each(["company", "company.id"])("maps %s to the Company ID field", (field) => {
    expect(formFieldFor(field, values)).toBe("companyId");
  });

  it("maps metadata.X to the value of the user property row named X", () => {
    expect(formFieldFor("metadata.plan", values)).toBe("properties.0.value");
    expect(formFieldFor("metadata.seats", values)).toBe("properties.1.value");
    expect(formFieldFor("metadata.a.b", values)).toBe("properties.2.value");
  });

  it("gives undefined for metadata.X when no row has that name", () => {
    expect(formFieldFor("metadata.missing", values)).toBeUndefined();
  });

  it("maps company.X to the value of the company property row named X", () => {
    expect(formFieldFor("company.name", values)).toBe("companyProperties.0.value");
    expect(formFieldFor("company.plan", values)).toBe("companyProperties.1.value");
  });

  it("gives undefined for company.X when no company row has that name", () => {
    expect(formFieldFor("company.seats", values)).toBeUndefined();
  });

  it("gives undefined for a field it does not know", () => {
    expect(formFieldFor("event_name", values)).toBeUndefined();
    expect(formFieldFor("metadata", values)).toBeUndefined();
  });
});

describe("upstream errors at the edges", () => {
  it("treats a blank message as missing and reads a field from text details as from the message", () => {
    const body = JSON.stringify({
      errors: [{ message: "   ", error: "user_id must be a string", details: "see docs" }],
    });
    expect(parseUpstreamErrors(body)).toEqual([{ message: "user_id must be a string", field: "user_id" }]);
  });

  it("maps only whole field paths", () => {
    const values = { properties: [{ name: "plan" }], companyProperties: [{ name: "plan" }] };
    expect(formFieldFor("xmetadata.plan", values)).toBeUndefined();
    expect(formFieldFor("xcompany.plan", values)).toBeUndefined();
    expect(formFieldFor("metadata.plan\nmore", values)).toBeUndefined();
    expect(formFieldFor("company.plan\nmore", values)).toBeUndefined();
  });
});

describe("upstream error details that name no field", () => {
  it("reads the field from the message when details is null or its field is blank", () => {
    const body = documented(
      { message: "user_id is wrong", details: null },
      { message: "metadata.plan must be a string", details: { field: " " } },
    );
    expect(parseUpstreamErrors(body)).toEqual([
      { message: "user_id is wrong", field: "user_id" },
      { message: "metadata.plan must be a string", field: "metadata.plan" },
    ]);
  });
});

describe("the form field an upstream error is about", () => {
  const values = {
    properties: [{ name: "plan" }, { name: "plan_tier" }, { name: "" }],
    companyProperties: [{ name: "size" }],
  };

  it("marks the one row a message names as a whole word", () => {
    expect(formFieldNamedIn("Metadata value for plan_tier is not allowed", values)).toBe("properties.1.value");
    expect(formFieldNamedIn("plan is not allowed", values)).toBe("properties.0.value");
    expect(formFieldNamedIn("Value of 'size' is too large", values)).toBe("companyProperties.0.value");
  });

  it("marks nothing when the message names no row, or more than one", () => {
    expect(formFieldNamedIn("Something went wrong", values)).toBeUndefined();
    expect(formFieldNamedIn("plan and size are not allowed", values)).toBeUndefined();
    expect(formFieldNamedIn("planets are not allowed", values)).toBeUndefined();
    expect(formFieldNamedIn("a plan", { properties: [{ name: "plan" }], companyProperties: [{ name: "plan" }] })).toBeUndefined();
  });

  it("prefers the field the error names, and reads a message only without one", () => {
    expect(formFieldOf({ message: "plan is wrong", field: "metadata.plan_tier" }, values)).toBe("properties.1.value");
    expect(formFieldOf({ message: "Metadata value for plan_tier is not allowed" }, values)).toBe("properties.1.value");
  });

  it("reads Identify Company's fields onto the company part", () => {
    const company = { properties: [], companyProperties: [{ name: "size" }, { name: "plan" }] };
    expect(formFieldFor("company_id", company, "company")).toBe("companyId");
    expect(formFieldFor("metadata.plan", company, "company")).toBe("companyProperties.1.value");
    expect(formFieldFor("metadata.plan", company)).toBeUndefined();
    expect(parseUpstreamErrors(JSON.stringify({ errors: [{ message: "company_id is required" }] }))).toEqual([
      { message: "company_id is required", field: "company_id" },
    ]);
  });
});
