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
    ["EAI_AGAIN", "host_not_found"],
    ["ECONNRESET", "connection_reset"],
    ["EPIPE", "connection_reset"],
    ["UND_ERR_SOCKET", "connection_reset"],
    ["UND_ERR_CLOSED", "connection_reset"],
    ["ETIMEDOUT", "connect_timeout"],
    ["UND_ERR_CONNECT_TIMEOUT", "connect_timeout"],
    ["CERT_HAS_EXPIRED", "certificate"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "certificate"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "certificate"],
    ["ERR_TLS_HANDSHAKE_TIMEOUT", "certificate"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "certificate"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "certificate"],
    ["X_SELF_SIGNED", "certificate"],
    ["EWHATEVER", "network"],
  ] as const)("maps %s to %s", (code, expected) => {
    expect(classifyNetworkError(fetchFailure(code))).toBe(expected);
  });

  it("reads the code of the error itself when it has no cause", () => {
    expect(classifyNetworkError(Object.assign(new Error("connect failed"), { code: "ECONNREFUSED" }))).toBe("connection_refused");
  });

  it("prefers the cause's code, and falls back to the error's own when the cause's is unknown", () => {
    const both = (causeCode: string, ownCode: string) =>
      Object.assign(new TypeError("fetch failed", { cause: Object.assign(new Error("inner"), { code: causeCode }) }), {
        code: ownCode,
      });
    expect(classifyNetworkError(both("ENOTFOUND", "ECONNRESET"))).toBe("host_not_found");
    expect(classifyNetworkError(both("EWHATEVER", "ECONNRESET"))).toBe("connection_reset");
  });

  it("ignores codes that are not strings, and objects that are not errors", () => {
    expect(classifyNetworkError(Object.assign(new Error("numeric"), { code: 111 }))).toBe("network");
    expect(classifyNetworkError({ code: "ECONNREFUSED" })).toBe("network");
    expect(classifyNetworkError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))).toBe("network");
  });

  it("maps anything without a code to the generic message", () => {
    expect(classifyNetworkError(new Error('invalid header value "Token secret"'))).toBe("network");
    expect(classifyNetworkError("a string")).toBe("network");
  });

  it("has fixed messages that quote nothing", () => {
    for (const message of Object.values(NETWORK_ERROR_MESSAGES)) expect(message).not.toMatch(/Token|\d+\.\d+\.\d+/);
  });

  it("says in fixed words what failed, each code its own", () => {
    expect(NETWORK_ERROR_MESSAGES).toEqual({
      connection_refused: "Userpilot could not be reached (connection refused)",
      host_not_found: "Userpilot could not be reached (host name not found)",
      connection_reset: "Userpilot could not be reached (connection reset)",
      connect_timeout: "Userpilot could not be reached (connection timed out)",
      certificate: "Userpilot could not be reached (its TLS certificate was not accepted)",
      request_invalid:
        "The request could not be built: the environment's API key or URL has characters HTTP does not allow. Nothing was sent; enter the key again in Settings > Environments",
      network: "Userpilot could not be reached (network error)",
    });
  });
});
