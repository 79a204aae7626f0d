import { describe, expect, it } from "vitest";
import { idFromSegment, profileHref } from "./links";

describe("profile links", () => {
  it("encode the id and the environment, and read back the id as sent", () => {
    const id = "ada+tag@example.org/1";
    expect(profileHref("user", id, "sandbox")).toBe("/users/ada%2Btag%40example.org%2F1?environment=sandbox");
    expect(profileHref("company", "acme")).toBe("/companies/acme");
    expect(idFromSegment(profileHref("user", id).slice("/users/".length))).toBe(id);
    // A segment that is not valid percent-encoding is kept as it came.
    expect(idFromSegment("100%")).toBe("100%");
  });
});
