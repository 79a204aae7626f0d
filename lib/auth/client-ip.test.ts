import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, trustedClientIp, withTrustedClientIp } from "./client-ip";

describe("trustedClientIp", () => {
  it("trusts no forwarding header with 0 hops", () => {
    expect(trustedClientIp("203.0.113.7", 0)).toBeNull();
    expect(trustedClientIp("203.0.113.7, 10.0.0.1", 0)).toBeNull();
  });

  it("takes the hops-th address from the right, so addresses a client prepends don't count", () => {
    expect(trustedClientIp("203.0.113.7", 1)).toBe("203.0.113.7");
    expect(trustedClientIp("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(trustedClientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(trustedClientIp("2001:db8::1", 1)).toBe("2001:db8::1");
  });

  it("has no address when the chain is shorter than the hops, absent, or not an address", () => {
    expect(trustedClientIp("203.0.113.7", 2)).toBeNull();
    expect(trustedClientIp(null, 1)).toBeNull();
    expect(trustedClientIp("evil", 1)).toBeNull();
    expect(trustedClientIp("1.2.3.4, ", 1)).toBeNull();
  });
});

describe("withTrustedClientIp", () => {
  const forged = (headers: Record<string, string>) =>
    new Request("http://localhost/api/auth/sign-in/email", { method: "POST", headers });

  it("drops every forwarding header and the console's own one when nothing is trusted", () => {
    const request = withTrustedClientIp(
      forged({ "x-forwarded-for": "1.1.1.1", "x-real-ip": "2.2.2.2", forwarded: "for=3.3.3.3", [CLIENT_IP_HEADER]: "4.4.4.4" }),
      0,
    );
    for (const name of ["x-forwarded-for", "x-real-ip", "forwarded", CLIENT_IP_HEADER]) {
      expect(request.headers.get(name)).toBeNull();
    }
  });

  it("passes on the trusted address only, and keeps the body", async () => {
    const request = withTrustedClientIp(
      forged({ "x-forwarded-for": "6.6.6.6, 203.0.113.7", [CLIENT_IP_HEADER]: "4.4.4.4" }),
      1,
      new TextEncoder().encode('{"a":1}').buffer,
    );
    expect(request.headers.get(CLIENT_IP_HEADER)).toBe("203.0.113.7");
    expect(request.headers.get("x-forwarded-for")).toBeNull();
    expect(await request.text()).toBe('{"a":1}');
  });
});
