import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

const encodeRaw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("history cursor", () => {
  it("round-trips a (created_at, id) position", () => {
    const cursor = encodeCursor(1_735_689_600_123, "0b6c3c1e-6f1d-4a63-9d59-2f8a1f0f9e11");
    expect(decodeCursor(cursor)).toEqual({
      createdAt: 1_735_689_600_123,
      id: "0b6c3c1e-6f1d-4a63-9d59-2f8a1f0f9e11",
    });
  });

  it("is opaque: no raw id or time in the text", () => {
    const cursor = encodeCursor(42, "user-visible-id");
    expect(cursor).not.toContain("user-visible-id");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["garbage text", "%%%not base64%%%"],
    ["base64 of non-JSON", Buffer.from("hello").toString("base64url")],
    ["an empty string", ""],
    ["a JSON object", encodeRaw({ createdAt: 1, id: "x" })],
    ["a tuple with a fractional time", encodeRaw([1.5, "x"])],
    ["a tuple with a string time", encodeRaw(["1", "x"])],
    ["a tuple with an empty id", encodeRaw([1, ""])],
    ["a tuple that is too short", encodeRaw([1])],
    ["a tuple that is too long", encodeRaw([1, "x", "y"])],
  ])("decodes %s to undefined", (_label, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
