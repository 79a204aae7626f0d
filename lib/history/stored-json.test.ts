import { describe, expect, it } from "vitest";
import { parseStoredJson } from "./stored-json";

describe("parseStoredJson", () => {
  it("reads a JSON column back into its value", () => {
    expect(parseStoredJson('{"user_id":"u1","metadata":{"seats":3}}')).toEqual({ user_id: "u1", metadata: { seats: 3 } });
    expect(parseStoredJson("[1,2]")).toEqual([1, 2]);
    expect(parseStoredJson('"text"')).toBe("text");
  });

  it("reads an empty column, or one that is not JSON, as null instead of throwing", () => {
    expect(parseStoredJson(null)).toBeNull();
    expect(parseStoredJson("{not json")).toBeNull();
    expect(parseStoredJson("")).toBeNull();
  });
});
