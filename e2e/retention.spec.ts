import path from "node:path";
import { expect, test } from "./support/fixtures";
import { makeTempDir, removeTempDir, startAppServer } from "./support/app-server";
import { query } from "./support/database";
import { E2E } from "./support/settings";

const DAY = 24 * 60 * 60 * 1000;

function insertRow(file: string, id: string, userId: string, createdAt: number) {
  return query(
    file,
    `insert into requests (id, created_at, updated_at, environment, source, user_id, property_count, form_values,
       request_body, status, outcome, attempts) values (?, ?, ?, 'Sandbox', 'form', ?, 0, '{}', '{}', '202', 'accepted', '[]')`,
    [id, createdAt, createdAt, userId],
  );
}

function insertSandboxUser(file: string, userId: string, updatedAt: number) {
  return query(file, "insert into sandbox_users (user_id, metadata, company_id, updated_at) values (?, ?, null, ?)", [
    userId,
    JSON.stringify({ email: `${userId}@example.com` }),
    new Date(updatedAt).toISOString(),
  ]);
}

async function sandboxUserIds(file: string): Promise<string[]> {
  const rows = await query<{ user_id: string }>(file, "select user_id from sandbox_users order by user_id");
  return rows.map((row) => row.user_id);
}

test("history older than HISTORY_RETENTION_DAYS is purged at start; newer rows stay", async ({ playwright }) => {
  const dir = makeTempDir("retention");
  const databaseFile = path.join(dir, "db.sqlite");
  try {
    // A first start creates the schema; then rows are planted as if written over the past months.
    const first = await startAppServer({ databaseFile, env: { HISTORY_RETENTION_DAYS: "30" } });
    await first.stop();
    await insertRow(databaseFile, "00000000-0000-4000-8000-000000000001", "retention_old", Date.now() - 31 * DAY);
    await insertRow(databaseFile, "00000000-0000-4000-8000-000000000002", "retention_recent", Date.now() - 29 * DAY);
    // The built-in sandbox's profiles hold the same values unmasked: they expire the same way.
    await insertSandboxUser(databaseFile, "retention_old", Date.now() - 31 * DAY);
    await insertSandboxUser(databaseFile, "retention_recent", Date.now() - 29 * DAY);

    const server = await startAppServer({ databaseFile, env: { HISTORY_RETENTION_DAYS: "30" } });
    try {
      expect(server.output()).toContain("purged 1 request(s) older than 30 days");
      expect(server.output()).toContain("Sandbox: purged 1 profile(s) unchanged for 30 days");
      expect(await sandboxUserIds(databaseFile)).toEqual(["retention_recent"]);
      const api = await playwright.request.newContext({ baseURL: server.url, storageState: { cookies: [], origins: [] } });
      const signIn = await api.post("/api/auth/sign-in/email", { data: E2E.admin });
      expect(signIn.status()).toBe(200);
      const rows = (await (await api.get("/api/history?user=retention_&match=prefix")).json()).rows as { userId: string }[];
      expect(rows.map((row) => row.userId)).toEqual(["retention_recent"]);
      await api.dispose();
    } finally {
      await server.stop();
    }
  } finally {
    removeTempDir(dir);
  }
});
