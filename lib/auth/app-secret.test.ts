import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// Configuration and the secret are read once per process: each case loads the module again, as a start would.

const NAMES = ["APP_SECRET", "DATABASE_URL"] as const;
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "identify-app-secret-"));
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function freshStart(vars: { APP_SECRET?: string; DATABASE_URL: string }) {
  if (vars.APP_SECRET === undefined) delete process.env.APP_SECRET;
  else process.env.APP_SECRET = vars.APP_SECRET;
  process.env.DATABASE_URL = vars.DATABASE_URL;
  vi.resetModules();
  const warnings: string[] = [];
  vi.spyOn(console, "warn").mockImplementation((message: string) => {
    warnings.push(message);
  });
  const { appSecret } = await import("./app-secret");
  return { appSecret, warnings };
}

describe("appSecret", () => {
  it("is APP_SECRET when set, and makes no file", async () => {
    const database = `file:${path.join(dir, "configured", "console.db")}`;
    const { appSecret, warnings } = await freshStart({ APP_SECRET: "a-configured-secret-of-32-characters!", DATABASE_URL: database });
    expect(appSecret()).toBe("a-configured-secret-of-32-characters!");
    expect(warnings).toEqual([]);
    expect(fs.existsSync(path.join(dir, "configured", "app-secret"))).toBe(false);
  });

  it("without APP_SECRET, is generated once next to the database, owner-only, and kept across starts", async () => {
    const database = `file:${path.join(dir, "generated", "console.db")}`;
    const file = path.join(dir, "generated", "app-secret");
    const first = await freshStart({ DATABASE_URL: database });
    const secret = first.appSecret();
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(first.appSecret()).toBe(secret);
    expect(fs.readFileSync(file, "utf8")).toBe(secret);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.warnings).toEqual([
      `APP_SECRET is not set: generated one in ${file} (owner-only). Back it up with the database; without it, stored API keys can't be decrypted. Set APP_SECRET to manage it yourself.`,
    ]);

    const second = await freshStart({ DATABASE_URL: database });
    expect(second.appSecret()).toBe(secret);
    expect(second.warnings).toEqual([]);
  });
});
