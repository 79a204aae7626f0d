import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sqlitePath } from "@/lib/env";

export type GeneratedSecret = { value: string; file: string; created: boolean };

/**
 * A random secret kept in a file next to the database, readable by the owner only: made on the first call
 * and read back on every later start, so it stays the same for as long as the data folder does.
 */
export function generatedSecret(name: string): GeneratedSecret {
  const file = path.join(path.dirname(path.resolve(sqlitePath())), name);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
      created = true;
    } catch (error) {
      // Another process made it between the check and the write: use theirs.
      if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
    }
  }
  return { value: fs.readFileSync(file, "utf8").trim(), file, created };
}
