import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthApp, type AuthApp } from "./testing/auth-app";

// Servers starting together on one PostgreSQL database (PostgreSQL only: vitest.postgres.config.mts).

let app: AuthApp;

beforeAll(async () => {
  app = await startAuthApp({ ADMIN_EMAIL: "first-admin@example.com", ADMIN_PASSWORD: "first-admin-password-1" });
});

afterAll(async () => {
  await app.close();
});

describe("the first admin from ADMIN_EMAIL", () => {
  it("is made once when several servers start at the same moment, and none of them fails", async () => {
    const { ensureFirstAdmin } = await import("./first-admin");
    await app.database.deleteFrom("session").execute();
    await app.database.deleteFrom("user").execute();
    await Promise.all(Array.from({ length: 4 }, () => ensureFirstAdmin("https://console.example.com")));
    const users = await app.database.selectFrom("user").select(["email", "role"]).execute();
    expect(users).toEqual([{ email: "first-admin@example.com", role: "admin" }]);
  });
});
