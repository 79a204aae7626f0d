import { describe, expect, it } from "vitest";
import { API_KEY_FORMAT_MESSAGE, apiKeyText, normalizeBaseUrl } from "./key-format";

describe("normalizeBaseUrl", () => {
  it("writes the same address the same way: lower-case host, default port dropped, no trailing slashes", () => {
    expect(normalizeBaseUrl("  HTTPS://Proxy.Example.COM:443/Up//  ")).toBe("https://proxy.example.com/Up");
    expect(normalizeBaseUrl("http://127.0.0.1:4110/")).toBe("http://127.0.0.1:4110");
    expect(normalizeBaseUrl("https://proxy.example.com/a/b/")).toBe("https://proxy.example.com/a/b");
  });

  it("trims any white space first, a no-break space too, before reading the URL", () => {
    expect(normalizeBaseUrl("\u00a0https://Proxy.Example.com/up/")).toBe("https://proxy.example.com/up");
  });

  it("leaves out the query and the # part", () => {
    expect(normalizeBaseUrl("https://proxy.example.com/up?x=1#top")).toBe("https://proxy.example.com/up");
  });

  it("trims text that is not a URL and drops its trailing slashes", () => {
    expect(normalizeBaseUrl("  not/a url//  ")).toBe("not/a url");
  });
});

describe("apiKeyText", () => {
  it("trims the key and keeps printable ASCII as it is", () => {
    expect(apiKeyText.parse("  !key~0123  ")).toBe("!key~0123");
  });

  it("lets an empty key through (callers decide whether one is needed)", () => {
    expect(apiKeyText.parse("")).toBe("");
  });

  it("accepts 500 characters and refuses 501 with words", () => {
    expect(apiKeyText.parse("k".repeat(500))).toHaveLength(500);
    const result = apiKeyText.safeParse("k".repeat(501));
    expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual(["Use at most 500 characters"]);
  });

  it("refuses a key with a control character or a non-ASCII one anywhere", () => {
    for (const key of ["\u0001abc", "abc\u007f", "ab\u00e9c"]) {
      const result = apiKeyText.safeParse(key);
      expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual([API_KEY_FORMAT_MESSAGE]);
    }
  });
});
