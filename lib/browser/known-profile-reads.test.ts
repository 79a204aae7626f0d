import { describe, expect, it } from "vitest";
import { knownProfileReads } from "./known-profile-reads";

describe("knownProfileReads", () => {
  it("puts ids in the path encoded and the environment in the query", () => {
    expect(knownProfileReads.user("env 1", "a/b?c").path).toBe("/api/profiles/users/a%2Fb%3Fc?environmentId=env+1");
    expect(knownProfileReads.company("sandbox", "acme#1").path).toBe("/api/profiles/companies/acme%231?environmentId=sandbox");
    expect(knownProfileReads.registry("sandbox").path).toBe("/api/profiles/registry?environmentId=sandbox");
  });

  it("reads each answer with its route's schema: a profile or null", () => {
    const { schema } = knownProfileReads.user("sandbox", "u1");
    expect(schema.safeParse({ profile: null }).success).toBe(true);
    expect(schema.safeParse({ profile: { userId: "u1" } }).success).toBe(false);
  });
});
