import { describe, expect, it } from "vitest";
import { identifiesOf } from "./identifies";

describe("identifiesOf", () => {
  it("reads a row without a user id but with a company id as a company send", () => {
    expect(identifiesOf("", "acme")).toBe("company");
  });

  it("reads every row with a user id, or without any id, as a user send", () => {
    expect(identifiesOf("u1", "acme")).toBe("user");
    expect(identifiesOf("u1", null)).toBe("user");
    expect(identifiesOf("", null)).toBe("user");
    expect(identifiesOf("", "")).toBe("user");
  });
});
