import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it.each([
    "/\\evil.example/x",
    decodeURIComponent("/%5Cevil.example/x"),
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    decodeURIComponent("/%09/evil.example"),
    "/\n/evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "https://evil.example",
    "HTTPS://evil.example/x",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,hi",
    "http://console.invalid@evil.example/",
    "http://[not-a-host",
    "",
    undefined,
    42,
  ])("sends %j to /", (hostile) => {
    expect(safeNext(hostile)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/history", "/history"],
    ["/history?status=429#row-3", "/history?status=429#row-3"],
    ["/users/../history", "/history"],
    ["history", "/history"],
    // Still encoded, the backslash is part of a path on the console.
    ["/%5Cevil.example/x", "/%5Cevil.example/x"],
  ])("keeps %j on the console as %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it("checks against the console's own origin when given", () => {
    expect(safeNext("http://127.0.0.1:3000/history?x=1", "http://127.0.0.1:3000")).toBe("/history?x=1");
    expect(safeNext("http://127.0.0.1:3001/history", "http://127.0.0.1:3000")).toBe("/");
  });
});
