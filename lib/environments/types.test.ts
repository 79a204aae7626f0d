import { describe, expect, it } from "vitest";
import { environmentInputSchema, newEnvironmentSchema } from "./types";

const base = { name: "Staging", region: "us", baseUrl: "", apiKey: "good-key-1234", isProduction: false };

function apiKeyError(apiKey: string): string | undefined {
  const result = newEnvironmentSchema.safeParse({ ...base, apiKey });
  return result.success ? undefined : result.error.issues.find((issue) => issue.path[0] === "apiKey")?.message;
}

describe("environment API key format", () => {
  it.each([["first-half\nsecond-half"], ["with space"], ["tab\there"], ["caf\u00e9"]])("refuses %j with words", (key) => {
    expect(apiKeyError(key)).toBe("The API key can only contain printable characters without spaces or line breaks");
  });

  it("accepts printable ASCII, trimming a pasted trailing line break", () => {
    const result = newEnvironmentSchema.safeParse({ ...base, apiKey: "ab-CD_12.x/y+z=~\n" });
    expect(result.success && result.data.apiKey).toBe("ab-CD_12.x/y+z=~");
  });
});

describe("environment base URL", () => {
  function baseUrlError(baseUrl: string): string | undefined {
    const result = environmentInputSchema.safeParse({ ...base, region: "custom", baseUrl });
    return result.success ? undefined : result.error.issues.find((issue) => issue.path[0] === "baseUrl")?.message;
  }

  it.each([["not a url"], ["ftp://host"], ["https://user:pw@host"], ["https://host/?q=1"]])("refuses %s", (url) => {
    expect(baseUrlError(url)).toMatch(/base URL/);
  });

  it("normalizes a custom base URL", () => {
    const result = environmentInputSchema.safeParse({ ...base, region: "custom", baseUrl: "https://Proxy.Example.com:443/up/" });
    expect(result.success && result.data.baseUrl).toBe("https://proxy.example.com/up");
  });
});
