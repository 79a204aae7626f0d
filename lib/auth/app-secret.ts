import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, sqlitePath } from "@/lib/env";

let cached: string | undefined;

/**
 * APP_SECRET signs sessions and derives the key that encrypts stored API keys. Without it, one is made on
 * first start next to the database, readable by the owner only, and kept for later starts.
 */
export function appSecret(): string {
  if (cached) return cached;
  const configured = env().APP_SECRET;
  if (configured) return (cached = configured);
  const file = path.join(path.dirname(path.resolve(sqlitePath())), "app-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    console.warn(
      `APP_SECRET is not set: generated one in ${file} (owner-only). Back it up with the database; ` +
        "without it, stored API keys can't be decrypted. Set APP_SECRET to manage it yourself.",
    );
  }
  return (cached = fs.readFileSync(file, "utf8").trim());
}
