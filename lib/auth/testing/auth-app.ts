import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { freshDatabaseUrl } from "@/lib/testing/test-database";

// The console's auth as it runs: configuration read from process.env (once per test file, as lib/env.ts
// caches it), the app's db() singleton on a fresh SQLite file with the real migrations, and the real auth
// library on top. Both singletons live on globalThis, so a test file sets them up once and clears them after.

type Holder = typeof globalThis & {
  __identifyConsoleDb?: { kysely: Kysely<Database> };
  __identifyConsoleAuth?: unknown;
  __identifyConsoleActors?: unknown;
};
const holder = globalThis as Holder;

export type AuthApp = { dir: string; database: Kysely<Database>; close: () => Promise<void> };

export async function startAuthApp(vars: Record<string, string | undefined>): Promise<AuthApp> {
  if (holder.__identifyConsoleDb || holder.__identifyConsoleAuth) {
    throw new Error("Another database or auth instance is already open in this worker");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "identify-auth-test-"));
  const all = { APP_SECRET: "test-secret-of-at-least-32-characters!!", ...vars, DATABASE_URL: await freshDatabaseUrl(dir, "console.db") };
  const saved = Object.fromEntries(Object.keys(all).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(all)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const { db } = await import("@/lib/db/client");
  const database = await db();
  return {
    dir,
    database,
    async close() {
      delete holder.__identifyConsoleDb;
      delete holder.__identifyConsoleAuth;
      delete holder.__identifyConsoleActors;
      await database.destroy();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A staff account and a signed-in session for it, made through the auth library's own adapter and signed
 * with its secret as its sign-in does, without hashing a password (the slow part of a real sign-in).
 */
export async function staffSession(email: string, role: string): Promise<{ id: string; cookie: string }> {
  const { auth } = await import("@/lib/auth/auth");
  const { makeSignature } = await import("better-auth/crypto");
  const context = await auth().$context;
  const user = await context.internalAdapter.createUser({ email, name: email.split("@")[0]!, role, emailVerified: false }, { method: "admin" });
  const session = await context.internalAdapter.createSession(user.id);
  const signed = encodeURIComponent(`${session.token}.${await makeSignature(session.token, context.secret)}`);
  return { id: user.id, cookie: `${context.authCookies.sessionToken.name}=${signed}` };
}

/** The session cookie ("name=value") from a sign-in answer. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!response.ok || !cookie) throw new Error(`Sign-in failed with ${response.status}`);
  return cookie;
}

export const signInRequest = (email: string, password: string, headers: Record<string, string> = {}, url = "http://localhost:3000/api/auth/sign-in/email") =>
  new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
