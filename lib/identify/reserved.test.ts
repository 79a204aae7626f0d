import { describe, expect, it } from "vitest";
import { propertyNameHint, RESERVED_SUGGESTIONS } from "./reserved";

describe("RESERVED_SUGGESTIONS", () => {
  it("lists Userpilot's reserved names with their types", () => {
    const summary = (group: "user" | "company") =>
      RESERVED_SUGGESTIONS[group].map(({ name, type }) => [name, type]);
    expect(summary("user")).toEqual([
      ["name", "string"],
      ["email", "string"],
      ["created_at", "date"],
    ]);
    expect(summary("company")).toEqual([
      ["name", "string"],
      ["created_at", "date"],
    ]);
  });
});

describe("propertyNameHint", () => {
  it("suggests the type of a reserved name", () => {
    expect(propertyNameHint("user", "email")).toMatchObject({ suggestedType: "string" });
    expect(propertyNameHint("user", "created_at")).toMatchObject({ suggestedType: "date" });
    expect(propertyNameHint("company", "created_at")).toMatchObject({ suggestedType: "date" });
    expect(propertyNameHint("user", "email")?.warning).toBeUndefined();
  });

  it("explains signed_up_at", () => {
    expect(propertyNameHint("user", "signed_up_at")).toEqual({
      suggestedType: "date",
      note: "Alias of created_at: Userpilot stores it as the sign-up date",
    });
  });

  it.each(["first_seen_at", "last_seen_at"])("warns that Userpilot sets %s itself", (name) => {
    expect(propertyNameHint("user", name)?.warning).toBe(
      "Userpilot sets this itself; sending it overwrites what Userpilot recorded",
    );
  });

  it("points company id to the Company ID field", () => {
    expect(propertyNameHint("company", "id")?.warning).toMatch(/Company ID field/);
    expect(propertyNameHint("company", "company_id")?.warning).toMatch(/Company ID field/);
    expect(propertyNameHint("user", "id")).toBeUndefined();
  });

  it("warns when a reserved name is written in another case", () => {
    expect(propertyNameHint("user", "Email")).toMatchObject({
      suggestedType: "string",
      warning: expect.stringMatching(/"email"/),
    });
  });

  it.each([
    ["user", "plan"],
    ["user", "constructor"],
    ["company", "email"],
    ["company", "toString"],
  ] as const)("has nothing to say about %s property %s", (group, name) => {
    expect(propertyNameHint(group, name)).toBeUndefined();
  });
});

describe("propertyNameHint's wording", () => {
  it.each([
    ["user", "name", "string", "Reserved by Userpilot: the user's full name"],
    ["user", "email", "string", "Reserved by Userpilot: the user's email address"],
    ["user", "created_at", "date", "Reserved by Userpilot: when the user signed up"],
    ["company", "name", "string", "Reserved by Userpilot: the company's name"],
    ["company", "created_at", "date", "Reserved by Userpilot: when the company signed up"],
  ] as const)("%s %s: a %s, with a note", (group, name, suggestedType, note) => {
    expect(propertyNameHint(group, name)).toEqual({ suggestedType, note });
  });

  it.each(["first_seen_at", "last_seen_at"])("%s is a date Userpilot sets", (name) => {
    expect(propertyNameHint("user", name)).toEqual({
      suggestedType: "date",
      warning: "Userpilot sets this itself; sending it overwrites what Userpilot recorded",
    });
  });
});
