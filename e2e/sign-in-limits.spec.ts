import path from "node:path";
import { expect, test } from "./support/fixtures";
import { makeTempDir, removeTempDir, startAppServer, type AppServer } from "./support/app-server";
import { E2E } from "./support/settings";

/**
 * Sign-in limits on servers of their own (the shared app's sign-in must stay open): the address limit can't
 * be dodged with a forged X-Forwarded-For, and an account is locked after repeated wrong passwords whatever
 * address they come from, across a restart.
 */

const signIn = (server: AppServer, email: string, password: string, forwardedFor?: string) =>
  fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  });

test.describe.serial("sign-in limits", () => {
  let dir: string;
  test.beforeAll(() => {
    dir = makeTempDir("sign-in-limits");
  });
  test.afterAll(() => removeTempDir(dir));

  test("a forged X-Forwarded-For doesn't get past the address limit (no trusted proxy)", async () => {
    const server = await startAppServer({ databaseFile: path.join(dir, "direct.db") });
    try {
      const statuses: number[] = [];
      // A different account each time, so only the address limit (10 a minute) can say no.
      for (let attempt = 0; attempt < 15; attempt++) {
        const response = await signIn(server, `nobody-${attempt}@e2e.test`, "wrong-password-123", `198.51.100.${attempt + 1}`);
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(5).fill(429));
      const right = await signIn(server, E2E.admin.email, E2E.admin.password, "203.0.113.99");
      expect(right.status).toBe(429);
      expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  test("an account is locked after 5 wrong passwords from any address, the form says how long, and a restart keeps it", async ({ browser }) => {
    test.setTimeout(60_000);
    const databaseFile = path.join(dir, "proxied.db");
    const env = { TRUSTED_PROXY_HOPS: "1", SIGN_IN_ATTEMPTS_PER_MINUTE: "100" };
    let server = await startAppServer({ databaseFile, env });
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await signIn(server, E2E.admin.email, `wrong-password-${attempt}`, `198.51.100.${attempt + 1}`);
        expect(response.status).toBe(401);
      }
      const locked = await signIn(server, E2E.admin.email.toUpperCase(), "wrong-password-x", "198.51.100.77");
      expect(locked.status).toBe(429);
      expect(locked.headers.get("retry-after")).toBe("60");
      expect(await locked.json()).toMatchObject({ message: "Too many attempts for this account. Try again in 1 minute." });
      // The right password, from yet another address, is refused too inside the lockout.
      expect((await signIn(server, E2E.admin.email, E2E.admin.password, "203.0.113.5")).status).toBe(429);

      await server.stop();
      server = await startAppServer({ databaseFile, env, port: server.port });
      const context = await browser.newContext({ baseURL: server.url, storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").fill(E2E.admin.email);
      await page.getByLabel("Password").fill(E2E.admin.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(
        /^Too many attempts for this account\. Try again in (1 minute|\d+ seconds)\.$/,
      );
      await expect(page).toHaveURL(/\/login/);
      await context.close();
    } finally {
      await server.stop();
    }
  });
});
