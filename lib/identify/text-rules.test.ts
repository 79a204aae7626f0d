import { describe, expect, it } from "vitest";
import { companyIdProblem, propertyNameProblem, userIdProblem } from "./text-rules";

describe("invisible characters in ids and names", () => {
  it.each([
    ["a NUL", "user\u0000001", "U+0000"],
    ["a zero-width space", "acme\u200b", "U+200B"],
    ["a right-to-left override", "user\u202e100", "U+202E"],
    ["a byte-order mark", "\ufeffuser", "U+FEFF"],
  ])("rejects %s and names it", (_label, text, code) => {
    expect(userIdProblem(text)).toBe(`User ID contains an invisible character (${code}); retype it instead of pasting`);
    expect(companyIdProblem(text)).toContain(code);
    expect(propertyNameProblem(text)).toContain(code);
  });

  it("rejects a lone surrogate", () => {
    expect(userIdProblem("user\ud800x")).toBe("User ID contains a broken character; retype it instead of pasting");
  });

  it("accepts real text from any script, emoji included", () => {
    for (const text of ["usuario_ñ", "ユーザー42", "مستخدم", "user 😀 1", "a-b.c@d"]) {
      expect(userIdProblem(text)).toBeUndefined();
      expect(propertyNameProblem(text)).toBeUndefined();
    }
  });
});

describe("broken characters", () => {
  it.each([
    ["a lone high surrogate at the end", "user\ud800"],
    ["a lone low surrogate", "user\udc00x"],
    ["a low surrogate before a high one", "user\udc00\ud800x"],
  ])("rejects %s", (_label, text) => {
    expect(propertyNameProblem(text)).toBe("Property name contains a broken character; retype it instead of pasting");
  });
});
