import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  newUserSchema,
  passwordSchema,
  setupSchema,
  signInSchema,
  staffPageQuerySchema,
  staffPageSchema,
  staffUserSchema,
  userChangeSchema,
} from "./schemas";

/** The messages a form shows, by field path. */
function problems(schema: z.ZodType, value: unknown): Record<string, string[]> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const byPath: Record<string, string[]> = {};
  for (const issue of result.error.issues) (byPath[issue.path.join(".")] ??= []).push(issue.message);
  return byPath;
}

const user = { name: "Jo", email: "jo@example.com", password: "0123456789", role: "operator" };

describe("passwordSchema", () => {
  it("takes 10 to 128 characters", () => {
    expect(problems(passwordSchema, "012345678")).toEqual({ "": ["Use at least 10 characters"] });
    expect(passwordSchema.parse("0123456789")).toBe("0123456789");
    expect(passwordSchema.parse("x".repeat(128))).toHaveLength(128);
    expect(problems(passwordSchema, "x".repeat(129))).toEqual({ "": ["Use at most 128 characters"] });
  });
});

describe("newUserSchema and setupSchema", () => {
  it("accepts a complete account, trimming the name", () => {
    expect(newUserSchema.parse({ ...user, name: "  Jo  " })).toEqual({ ...user, name: "Jo" });
    expect(newUserSchema.parse({ ...user, name: "x".repeat(100) }).name).toHaveLength(100);
  });

  it("says what each field needs", () => {
    expect(problems(newUserSchema, { ...user, name: "   ", email: "jo", password: "short", role: "owner" })).toEqual({
      name: ["Enter a name"],
      email: ["Enter an email address"],
      password: ["Use at least 10 characters"],
      role: [expect.any(String)],
    });
    expect(Object.keys(problems(newUserSchema, { ...user, name: "x".repeat(101) }))).toEqual(["name"]);
  });

  it("asks the set-up for a token instead of a role", () => {
    const { role: _role, ...admin } = user;
    expect(setupSchema.parse({ ...user, token: "t" })).toEqual({ ...admin, token: "t" });
    expect(Object.keys(problems(setupSchema, { ...admin, token: "" }))).toEqual(["token"]);
    expect(setupSchema.parse({ ...admin, token: "t".repeat(200) }).token).toHaveLength(200);
    expect(Object.keys(problems(setupSchema, { ...admin, token: "t".repeat(201) }))).toEqual(["token"]);
  });
});

describe("userChangeSchema", () => {
  it("takes a role, an active flag or both, and refuses an empty change", () => {
    expect(userChangeSchema.parse({ role: "admin" })).toEqual({ role: "admin" });
    expect(userChangeSchema.parse({ active: false })).toEqual({ active: false });
    expect(userChangeSchema.parse({ role: "viewer", active: true })).toEqual({ role: "viewer", active: true });
    expect(problems(userChangeSchema, {})).toEqual({ "": ["Nothing to change"] });
    expect(userChangeSchema.safeParse({ role: "owner" }).success).toBe(false);
  });
});

describe("signInSchema", () => {
  it("needs an email and a password", () => {
    expect(signInSchema.parse({ email: "jo@example.com", password: "x" })).toEqual({ email: "jo@example.com", password: "x" });
    expect(problems(signInSchema, { email: "jo", password: "" })).toEqual({
      email: ["Enter your email address"],
      password: ["Enter your password"],
    });
  });
});

describe("staffPageQuerySchema", () => {
  const OFFSET = "Use a whole number, 0 or more";
  const LIMIT = "Use a whole number from 1 to 200";

  it("defaults to the first 50 and reads the query's strings", () => {
    expect(staffPageQuerySchema.parse({})).toEqual({ offset: 0, limit: 50 });
    expect(staffPageQuerySchema.parse({ offset: "0", limit: "1" })).toEqual({ offset: 0, limit: 1 });
    expect(staffPageQuerySchema.parse({ offset: "400", limit: "200" })).toEqual({ offset: 400, limit: 200 });
  });

  it.each([
    [{ offset: "-1" }, { offset: [OFFSET] }],
    [{ offset: "1.5" }, { offset: [OFFSET] }],
    [{ offset: "many" }, { offset: [OFFSET] }],
    [{ limit: "0" }, { limit: [LIMIT] }],
    [{ limit: "201" }, { limit: [LIMIT] }],
    [{ limit: "2.5" }, { limit: [LIMIT] }],
    [{ limit: "all" }, { limit: [LIMIT] }],
  ])("refuses %j", (query, expected) => {
    expect(problems(staffPageQuerySchema, query)).toEqual(expected);
  });
});

describe("staffPageSchema", () => {
  it("reads what GET /api/users answers", () => {
    const staff = { id: "u1", name: "Jo", email: "jo@example.com", role: "admin", active: true, createdAt: "2025-01-01T00:00:00.000Z" };
    expect(staffPageSchema.parse({ users: [staff], total: 1, nextOffset: null })).toEqual({ users: [staff], total: 1, nextOffset: null });
    expect(staffUserSchema.safeParse({ ...staff, role: "owner" }).success).toBe(false);
    expect(staffPageSchema.safeParse({ users: [], total: 1 }).success).toBe(false);
  });
});
