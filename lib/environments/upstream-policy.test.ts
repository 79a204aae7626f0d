import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { environmentCreateRequestSchema, environmentUpdateRequestSchema, isAllowedUpstream } from "./upstream-policy";

// The request schemas read UPSTREAM_ALLOWED_HOSTS through env(), parsed once in this file's worker.
const saved = process.env.UPSTREAM_ALLOWED_HOSTS;
beforeAll(() => {
  process.env.UPSTREAM_ALLOWED_HOSTS = "127.0.0.1:4110, Proxy.Internal";
});
afterAll(() => {
  if (saved === undefined) delete process.env.UPSTREAM_ALLOWED_HOSTS;
  else process.env.UPSTREAM_ALLOWED_HOSTS = saved;
});

describe("isAllowedUpstream", () => {
  it("allows https anywhere", () => {
    expect(isAllowedUpstream("https://proxy.example.com", [])).toBe(true);
  });

  it("refuses plain http unless its host is listed", () => {
    expect(isAllowedUpstream("http://proxy.example.com", [])).toBe(false);
    expect(isAllowedUpstream("http://10.0.0.5:8080", ["10.0.0.5:9090"])).toBe(false);
    expect(isAllowedUpstream("http://10.0.0.5:8080", ["10.0.0.5:8080"])).toBe(true);
    expect(isAllowedUpstream("http://Proxy.Internal:8080/up", ["proxy.internal:8080"])).toBe(true);
  });

  it("lets a bare host allow any of its ports", () => {
    expect(isAllowedUpstream("http://127.0.0.1:4110", ["127.0.0.1"])).toBe(true);
    expect(isAllowedUpstream("http://127.0.0.2:4110", ["127.0.0.1"])).toBe(false);
  });

  it("refuses other schemes and non-URLs", () => {
    expect(isAllowedUpstream("ftp://127.0.0.1", ["127.0.0.1"])).toBe(false);
    expect(isAllowedUpstream("not a url", ["127.0.0.1"])).toBe(false);
  });
});

describe("environment request schemas", () => {
  const HTTP_REFUSED = "baseUrl: Use an https:// URL: plain http:// is allowed only for hosts listed in UPSTREAM_ALLOWED_HOSTS";
  const values = { name: "Proxy", region: "custom", baseUrl: "", apiKey: "key-1234", isProduction: false };

  function issues(schema: typeof environmentUpdateRequestSchema | typeof environmentCreateRequestSchema, baseUrl: string) {
    const result = schema.safeParse({ ...values, baseUrl });
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  }

  it.each([
    ["update", environmentUpdateRequestSchema],
    ["create", environmentCreateRequestSchema],
  ] as const)("%s: refuses plain http to an unlisted host, allows listed ones and https", (_name, schema) => {
    expect(issues(schema, "http://proxy.example.com")).toEqual([HTTP_REFUSED]);
    expect(issues(schema, "http://127.0.0.1:4111")).toEqual([HTTP_REFUSED]);
    expect(issues(schema, "http://127.0.0.1:4110")).toEqual([]);
    expect(issues(schema, "http://proxy.internal:8080/up")).toEqual([]);
    expect(issues(schema, "https://proxy.example.com")).toEqual([]);
  });

  it("does not look at the base URL of a region environment", () => {
    expect(environmentUpdateRequestSchema.safeParse({ ...values, region: "us", baseUrl: "http://proxy.example.com" }).success).toBe(true);
  });

  it("still needs a key to create", () => {
    const result = environmentCreateRequestSchema.safeParse({ ...values, baseUrl: "https://proxy.example.com", apiKey: "" });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join("."))).toEqual(["apiKey"]);
  });
});
