import { describe, expect, it } from "vitest";
import { isAllowedUpstream } from "./upstream-policy";

describe("isAllowedUpstream", () => {
  it("allows https anywhere", () => {
    expect(isAllowedUpstream("https://proxy.example.com", [])).toBe(true);
  });

  it("refuses plain http unless its host is listed", () => {
    expect(isAllowedUpstream("http://proxy.example.com", [])).toBe(false);
    expect(isAllowedUpstream("http://10.0.0.5:8080", ["10.0.0.5:9090"])).toBe(false);
    expect(isAllowedUpstream("http://10.0.0.5:8080", ["10.0.0.5:8080"])).toBe(true);
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
