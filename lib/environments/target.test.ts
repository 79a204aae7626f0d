import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { liveTarget, resolveTarget, sandboxTarget } from "./target";

describe("resolveTarget", () => {
  it("sends to the in-app sandbox without a key", () => {
    const target = resolveTarget(parseEnv({ PORT: "4321", SANDBOX_API_KEY: "sbx-key" }));
    expect(target).toEqual({
      mode: "sandbox",
      label: "Sandbox",
      baseUrl: "http://127.0.0.1:4321/api/sandbox",
      builtIn: true,
      apiKey: "sbx-key",
    });
  });

  it("uses the default port for the in-app sandbox, and no public key: it generates its own", () => {
    const target = resolveTarget(parseEnv({}));
    expect(target.baseUrl).toBe("http://127.0.0.1:3000/api/sandbox");
    expect(target.apiKey).toBeUndefined();
  });

  it("sends to USERPILOT_API_URL as a sandbox when there is no key", () => {
    const target = resolveTarget(parseEnv({ USERPILOT_API_URL: "http://127.0.0.1:4010/" }));
    expect(target).toEqual({
      mode: "sandbox",
      label: "Sandbox",
      baseUrl: "http://127.0.0.1:4010",
      builtIn: false,
      apiKey: "sandbox",
    });
  });

  it("sends to the EU host with a key and region eu", () => {
    const target = resolveTarget(parseEnv({ USERPILOT_API_KEY: "live-key", USERPILOT_REGION: "eu" }));
    expect(target).toEqual({
      mode: "live",
      label: "Production · EU",
      baseUrl: "https://analytex-eu.userpilot.io",
      apiKey: "live-key",
    });
  });

  it("sends to the US host with a key and no region", () => {
    const target = resolveTarget(parseEnv({ USERPILOT_API_KEY: "live-key" }));
    expect(target.label).toBe("Production · US");
    expect(target.baseUrl).toBe("https://analytex.userpilot.io");
  });

  it("lets USERPILOT_API_URL win over the region when there is a key", () => {
    const target = resolveTarget(
      parseEnv({
        USERPILOT_API_KEY: "live-key",
        USERPILOT_REGION: "eu",
        USERPILOT_API_URL: "https://proxy.example.com:8443/up",
      }),
    );
    expect(target).toEqual({
      mode: "live",
      label: "Custom · proxy.example.com:8443",
      baseUrl: "https://proxy.example.com:8443/up",
      apiKey: "live-key",
    });
  });
});

describe("sandboxTarget", () => {
  it("is the built-in one when USERPILOT_API_URL belongs to the real key", () => {
    const config = parseEnv({ PORT: "4321", USERPILOT_API_KEY: "live-key", USERPILOT_API_URL: "http://127.0.0.1:4010" });
    expect(sandboxTarget(config)).toEqual({
      mode: "sandbox",
      label: "Sandbox",
      baseUrl: "http://127.0.0.1:4321/api/sandbox",
      builtIn: true,
      apiKey: undefined,
    });
  });
});

describe("liveTarget", () => {
  it("is none without a real key, whatever the URL", () => {
    expect(liveTarget(parseEnv({ USERPILOT_API_URL: "https://proxy.example.com" }))).toBeUndefined();
  });

  it("is what resolveTarget sends to when there is a key", () => {
    const config = parseEnv({ USERPILOT_API_KEY: "live-key", USERPILOT_REGION: "eu" });
    expect(liveTarget(config)).toEqual(resolveTarget(config));
    expect(liveTarget(config)?.mode).toBe("live");
  });
});
