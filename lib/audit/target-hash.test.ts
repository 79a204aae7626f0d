import { describe, expect, it } from "vitest";
import { hashUserIdWith, isHashedUserId } from "./target-hash";

const SECRET = "a-test-app-secret-0123456789abcdefghij";

describe("hashUserIdWith", () => {
  it("keeps no trace of the id and has the sha256:<16 hex> shape", () => {
    const hashed = hashUserIdWith(SECRET, "user_erased_42");
    expect(hashed).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(hashed).not.toContain("user_erased_42");
    expect(isHashedUserId(hashed)).toBe(true);
  });

  it("gives the same hash for the same id, so the entry can be found again", () => {
    expect(hashUserIdWith(SECRET, "user_1")).toBe(hashUserIdWith(SECRET, "user_1"));
    expect(hashUserIdWith(SECRET, "user_1")).not.toBe(hashUserIdWith(SECRET, "user_2"));
  });

  it("depends on the secret, so ids can't be guessed from the log alone", () => {
    expect(hashUserIdWith(SECRET, "user_1")).not.toBe(hashUserIdWith(`${SECRET}-other`, "user_1"));
  });
});
