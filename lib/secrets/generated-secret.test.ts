import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generatedSecret } from "./generated-secret";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "generated-secret-test-"));
// env() is parsed once per process, on first use: point the data folder here before anything reads it.
process.env.DATABASE_URL = `file:${path.join(dir, "data", "console.db")}`;

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("generatedSecret", () => {
  it("makes a random secret next to the database, owner-only, once, and reads it back later", () => {
    const first = generatedSecret("some-secret");
    expect(first.created).toBe(true);
    expect(first.file).toBe(path.join(dir, "data", "some-secret"));
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);

    const again = generatedSecret("some-secret");
    expect(again).toEqual({ ...first, created: false });
    expect(generatedSecret("other-secret").value).not.toBe(first.value);
  });
});
