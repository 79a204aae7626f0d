import { describe, expect, it } from "vitest";
import { formatFieldPath } from "./validation";

describe("formatFieldPath", () => {
  it.each([
    [["user_id"], "user_id"],
    [["company", "id"], "company.id"],
    [["users", 3, "metadata", "plan"], "users[3].metadata.plan"],
  ])("formats %j as %s", (path, expected) => {
    expect(formatFieldPath(path)).toBe(expected);
  });
});
