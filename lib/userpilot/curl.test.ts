import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCurlCommand, shellQuote } from "./curl";
import { USERPILOT_PATHS } from "./protocol";
import type { IdentifyPayload } from "@/lib/identify/payload";

const FAKE_KEY = "test-key-123";

/** Runs the command in a POSIX shell with `curl` replaced by a function that prints its arguments. */
function argumentsAsShellSeesThem(command: string): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}`;
  const output = execFileSync("sh", ["-c", script], {
    encoding: "utf8",
    env: { ...process.env, USERPILOT_API_KEY: FAKE_KEY },
  });
  return output.split("\0").slice(0, -1);
}

const payload: IdentifyPayload = {
  user_id: "o'brien",
  metadata: { quote: "it's 'quoted'", backslash: "a\\b", dollar: "$HOME `id`", seats: 3, gone: null },
  company: { id: "c'1" },
};

describe("buildCurlCommand", () => {
  it("is a multi-line curl call with Userpilot's headers and the key as a shell variable", () => {
    const command = buildCurlCommand("https://analytex.userpilot.io/", payload);
    expect(command.split("\n")).toHaveLength(5);
    expect(command).toMatch(/^curl -X POST 'https:\/\/analytex\.userpilot\.io\/v1\/identify' \\\n/);
    expect(command).toContain(`-H "Authorization: Token $USERPILOT_API_KEY"`);
    expect(command).toContain("-H 'X-API-Version: 2020-09-22'");
    expect(command).toContain("-H 'Content-Type: application/json'");
  });

  it("gives the shell exactly the URL, the headers and the JSON", () => {
    const args = argumentsAsShellSeesThem(buildCurlCommand("https://analytex-eu.userpilot.io", payload));
    expect(args).toEqual([
      "-X",
      "POST",
      "https://analytex-eu.userpilot.io/v1/identify",
      "-H",
      "Content-Type: application/json",
      "-H",
      `Authorization: Token ${FAKE_KEY}`,
      "-H",
      "X-API-Version: 2020-09-22",
      "--data",
      JSON.stringify(payload),
    ]);
    expect(JSON.parse(args.at(-1) ?? "")).toStrictEqual(payload);
  });

  it("round-trips any text through the shell", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme-ascii" }), (value, userId) => {
        const generated: IdentifyPayload = { user_id: userId, metadata: { value } };
        const args = argumentsAsShellSeesThem(buildCurlCommand("http://localhost:4010", generated));
        expect(JSON.parse(args.at(-1) ?? "")).toStrictEqual(generated);
      }),
      { numRuns: 40 },
    );
  });
});

describe("shellQuote", () => {
  it.each(["plain", "it's", "''", "'", "a\nb", "$(rm -rf /)", ""])(
    "quotes %j so printf prints it back",
    (text) => {
      expect(execFileSync("sh", ["-c", `printf %s ${shellQuote(text)}`], { encoding: "utf8" })).toBe(text);
    },
  );
});

describe("buildCurlCommand's URL", () => {
  it("drops every trailing slash of the base URL", () => {
    const command = buildCurlCommand("https://analytex.userpilot.io//", { user_id: "u1" });
    expect(command.split(" \\\n")[0]).toBe("curl -X POST 'https://analytex.userpilot.io/v1/identify'");
  });
});

describe("buildCurlCommand for Identify Company", () => {
  it("posts the company body to the companies path", () => {
    const body = { company_id: "acme", metadata: { plan: "pro" } };
    const command = buildCurlCommand("https://analytex.userpilot.io", body, USERPILOT_PATHS.identifyCompany);
    expect(command.split(" \\\n")[0]).toBe("curl -X POST 'https://analytex.userpilot.io/v1/companies/identify'");
    expect(command).toContain(`--data '{"company_id":"acme","metadata":{"plan":"pro"}}'`);
  });
});
