import { describe, expect, it } from "vitest";
import { environmentInputSchema, KEY_UNREADABLE_MESSAGE, newEnvironmentSchema } from "./types";

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

describe("environment input", () => {
  function issues(values: Record<string, unknown>): string[] {
    const result = environmentInputSchema.safeParse({ ...base, ...values });
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  }

  it("needs a trimmed name of 1 to 60 characters", () => {
    expect(issues({ name: "   " })).toEqual(["name: Enter a name"]);
    expect(issues({ name: "n".repeat(61) })).toEqual(["name: Use at most 60 characters"]);
    const result = environmentInputSchema.safeParse({ ...base, name: ` ${"n".repeat(60)} ` });
    expect(result.success && result.data.name).toBe("n".repeat(60));
  });

  it("refuses a base URL longer than 300 characters", () => {
    expect(issues({ region: "custom", baseUrl: `https://proxy.example.com/${"p".repeat(275)}` })).toHaveLength(1);
    expect(issues({ region: "custom", baseUrl: `https://proxy.example.com/${"p".repeat(274)}` })).toEqual([]);
  });

  it("trims spaces around a custom base URL before checking it", () => {
    const result = environmentInputSchema.safeParse({ ...base, region: "custom", baseUrl: "  https://proxy.example.com/up/  " });
    expect(result.success && result.data.baseUrl).toBe("https://proxy.example.com/up");
  });

  it("ignores the base URL of a region environment, and clears it", () => {
    const result = environmentInputSchema.safeParse({ ...base, region: "eu", baseUrl: "not a url" });
    expect(result.success && result.data).toEqual({ ...base, region: "eu", baseUrl: "" });
  });

  it("says what is wrong with a custom base URL", () => {
    const example = "Enter the base URL, e.g. https://proxy.example.com";
    expect(issues({ region: "custom", baseUrl: "" })).toEqual([`baseUrl: ${example}`]);
    expect(issues({ region: "custom", baseUrl: "https://proxy.example.com/a b" })).toEqual([`baseUrl: ${example}`]);
    expect(issues({ region: "custom", baseUrl: "ftp://proxy.example.com" })).toEqual([`baseUrl: ${example} (http or https only)`]);
    expect(issues({ region: "custom", baseUrl: "https://user@proxy.example.com" })).toEqual([
      "baseUrl: Leave the user name and password out of the base URL",
    ]);
    expect(issues({ region: "custom", baseUrl: "https://:secret@proxy.example.com" })).toEqual([
      "baseUrl: Leave the user name and password out of the base URL",
    ]);
    expect(issues({ region: "custom", baseUrl: "https://proxy.example.com/?q=1" })).toEqual([
      "baseUrl: Leave the query and the # part out of the base URL",
    ]);
    expect(issues({ region: "custom", baseUrl: "https://proxy.example.com/#top" })).toEqual([
      "baseUrl: Leave the query and the # part out of the base URL",
    ]);
    expect(issues({ region: "custom", baseUrl: "http://127.0.0.1:4110/" })).toEqual([]);
  });

  it("lets an update leave the key empty, but a new environment needs one", () => {
    expect(issues({ apiKey: "" })).toEqual([]);
    const result = newEnvironmentSchema.safeParse({ ...base, apiKey: "  " });
    expect(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([
      "apiKey: Enter the API key (Userpilot: Settings > Environment; not the App Token)",
    ]);
  });
});

describe("KEY_UNREADABLE_MESSAGE", () => {
  it("names the cause and where to enter the key again", () => {
    expect(KEY_UNREADABLE_MESSAGE).toContain("can't be read with the current APP_SECRET");
    expect(KEY_UNREADABLE_MESSAGE).toContain("enter it again in Settings > Environments");
  });
});
