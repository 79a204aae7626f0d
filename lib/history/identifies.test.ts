import { describe, expect, it } from "vitest";
import { identifiesOf } from "./identifies";

describe("identifiesOf", () => {
  it("reads a row without a user id but with a company id as a company send", () => {
    expect(identifiesOf({ user_id: "", company_id: "acme" })).toBe("company");
  });

  it("reads every row with a user id, or without any id, as a user send", () => {
    expect(identifiesOf({ user_id: "u1", company_id: "acme" })).toBe("user");
    expect(identifiesOf({ user_id: "u1", company_id: null })).toBe("user");
    expect(identifiesOf({ user_id: "", company_id: null })).toBe("user");
    expect(identifiesOf({ user_id: "", company_id: "" })).toBe("user");
  });
});
