import { describe, expect, it } from "vitest";
import { classifyNetworkError, NETWORK_ERROR_MESSAGES } from "./network-errors";

function fetchFailure(code: string): Error {
  const cause = Object.assign(new Error(`connect ${code} with details 10.1.2.3:443 Token abc`), { code });
  return new TypeError("fetch failed", { cause });
}

describe("classifyNetworkError", () => {
  it.each([
    ["ECONNREFUSED", "connection_refused"],
    ["ENOTFOUND", "host_not_found"],
    ["ECONNRESET", "connection_reset"],
    ["UND_ERR_SOCKET", "connection_reset"],
    ["UND_ERR_CONNECT_TIMEOUT", "connect_timeout"],
    ["CERT_HAS_EXPIRED", "certificate"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "certificate"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "certificate"],
    ["EWHATEVER", "network"],
  ] as const)("maps %s to %s", (code, expected) => {
    expect(classifyNetworkError(fetchFailure(code))).toBe(expected);
  });

  it("maps anything without a code to the generic message", () => {
    expect(classifyNetworkError(new Error('invalid header value "Token secret"'))).toBe("network");
    expect(classifyNetworkError("a string")).toBe("network");
  });

  it("has fixed messages that quote nothing", () => {
    for (const message of Object.values(NETWORK_ERROR_MESSAGES)) expect(message).not.toMatch(/Token|\d+\.\d+\.\d+/);
  });
});
