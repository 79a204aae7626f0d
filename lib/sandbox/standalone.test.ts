import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const TSX = path.resolve(__dirname, "../../node_modules/.bin/tsx");
const ENTRY = path.resolve(__dirname, "standalone.ts");

let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

function firstLine(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    process.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const newline = output.indexOf("\n");
      if (newline !== -1) resolve(output.slice(0, newline));
    });
    process.once("exit", (code) => reject(new Error(`exited with ${code} before printing: ${output}`)));
  });
}

describe("standalone sandbox", () => {
  it("announces its URL, serves requests and exits cleanly on SIGTERM", async () => {
    child = spawn(TSX, [ENTRY], {
      env: {
        ...process.env,
        SANDBOX_PORT: "0",
        SANDBOX_TEST_MODE: "true",
        SANDBOX_API_KEY: "standalone-key",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const line = await firstLine(child);
    expect(line).toMatch(/^Sandbox listening on http:\/\/127\.0\.0\.1:\d+ \(test mode\)$/);

    const url = line.split(" ")[3] ?? "";
    const response = await fetch(`${url}/v1/validate`, {
      headers: { Authorization: "Token standalone-key" },
    });
    expect(response.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 20_000);

  it("refuses a bad variable by name and exits 1", async () => {
    child = spawn(TSX, [ENTRY], {
      env: { ...process.env, SANDBOX_PORT: "not-a-port" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child?.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("SANDBOX_PORT: must be a whole number");
  }, 20_000);
});
