import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { signIn, startAppServer, type AppServer } from "./support/app-server";
import { defaultEnvironmentId, planUserRow as userRow, usersPlan } from "./support/bulk-plan";
import { expect, test } from "./support/fixtures";
import { bareForm, historyRows, identify, runPrefix, sendBody } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";
import { busiestWindow } from "../lib/testing/busiest-window";
import { urlWithDatabase, withClient } from "../lib/testing/postgres-admin";

// Two console servers on one PostgreSQL database (listed only when E2E_DATABASE_URL names a PostgreSQL
// server: playwright.config.ts). What they share: the history, accounts and sessions (a role change on one
// holds on the other within the session memo's bound), each bulk job run by one of them (taken over when
// it dies), and the per-key pace at the fake upstream.

const serverUrl = process.env.E2E_DATABASE_URL ?? "";
const LIMIT = 40;
const WINDOW_MS = 2000;
// lib/auth/session.ts ACTOR_CACHE_MS: how long a server may reuse a session's verdict.
const MEMO_BOUND_MS = 5000;
const LEASE_MS = 3000;

type Job = { id: string; state: string; total: number; done: number; sent: number; failed: number };

let databaseName = "";
let databaseUrl = "";
const servers: AppServer[] = [];
let admin: APIRequestContext;

async function onPostgres<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query<T>(text, values)).rows);
}

const startServer = async (port?: number) =>
  startAppServer({
    databaseFile: "",
    databaseUrl,
    ...(port ? { port } : {}),
    env: {
      UPSTREAM_RATE_PER_MINUTE: String(LIMIT),
      UPSTREAM_RATE_WINDOW_MS: String(WINDOW_MS),
      BULK_LEASE_MS: String(LEASE_MS),
      USERPILOT_TIMEOUT_MS: "10000",
    },
  });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  databaseName = `e2e_two_servers_${process.pid}_${Date.now().toString(36)}`;
  await onPostgres(serverUrl, `create database "${databaseName}"`);
  databaseUrl = urlWithDatabase(serverUrl, databaseName);
  // Both at once: the migrations take turns (an advisory lock), and the first admin is made once.
  servers.push(...(await Promise.all([startServer(), startServer()])));
  // The servers are localhost:<port>, and cookies ignore ports: a session made on one goes to both.
  admin = await playwright.request.newContext();
  await signIn(admin, servers[0]!).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${servers.map((server) => server.output()).join("\n---\n")}`);
  });
});

test.afterAll(async () => {
  await admin?.dispose();
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  if (databaseName) await onPostgres(serverUrl, `drop database if exists "${databaseName}" with (force)`);
  await sandbox.reset();
});

test.beforeEach(async () => {
  await sandbox.reset();
});

const [first, second] = [() => servers[0]!, () => servers[1]!];

const sentIds = async () =>
  (await sandbox.requests()).filter((r) => r.path === "/v1/identify").map((r) => (JSON.parse(r.body) as { user_id: string }).user_id);

function counts(ids: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const id of ids) map.set(id, (map.get(id) ?? 0) + 1);
  return map;
}

async function postPlan(request: APIRequestContext, body: unknown, baseUrl: string): Promise<Job> {
  const response = await request.post(`${baseUrl}/api/bulk/jobs`, { data: body, timeout: 60_000 });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { job: Job }).job;
}

async function jobOf(request: APIRequestContext, id: string, baseUrl: string): Promise<Job> {
  return ((await (await request.get(`${baseUrl}/api/bulk/jobs/${id}`)).json()) as { job: Job }).job;
}

async function leaseOwner(jobId: string): Promise<string | null> {
  const rows = await onPostgres<{ lease_owner: string | null }>(databaseUrl, "select lease_owner from bulk_jobs where id = $1", [jobId]);
  return rows[0]?.lease_owner ?? null;
}


test("a 200-send burst split over both servers loses nothing: 200 rows in each server's history, 200 at the upstream", async () => {
  test.setTimeout(90_000);
  const prefix = runPrefix("burst");
  const ids = Array.from({ length: 200 }, (_, i) => `${prefix}_${String(i).padStart(3, "0")}`);
  // Ten at a time on each server; the pace lets LIMIT through a window, so the burst takes a few windows.
  const lanes = Array.from({ length: 20 }, async (_, lane) => {
    const outcomes: number[] = [];
    for (let i = lane; i < ids.length; i += 20) {
      const outcome = await identify(admin, bareForm(ids[i]!), (i % 2 === 0 ? first() : second()).url);
      outcomes.push(outcome.httpStatus ?? 0);
    }
    return outcomes;
  });
  const statuses = (await Promise.all(lanes)).flat();
  expect(statuses.filter((status) => status !== 202)).toEqual([]);

  const perId = counts(await sentIds());
  expect([...perId.keys()].sort()).toEqual(ids);
  expect([...perId.values()].every((count) => count === 1)).toBe(true);
  for (const server of servers) {
    const rows = await historyRows(admin, prefix, { baseUrl: server.url });
    expect(rows.map((row) => row.userId).sort()).toEqual(ids);
    expect(rows.every((row) => row.status === "202")).toBe(true);
  }
});

test("the pace holds across both servers: never more than the key's limit in any window at the upstream, and no 429", async () => {
  test.setTimeout(90_000);
  // The fake upstream refuses with 429 past LIMIT a window, as Userpilot would.
  await sandbox.rateLimit(LIMIT, WINDOW_MS);
  const prefix = runPrefix("pace");
  const lanes = Array.from({ length: 16 }, async (_, lane) => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const outcome = await identify(admin, bareForm(`${prefix}_${lane}_${i}`), (lane % 2 === 0 ? first() : second()).url);
      statuses.push(outcome.httpStatus ?? 0);
    }
    return statuses;
  });
  const statuses = (await Promise.all(lanes)).flat();
  const arrivals = (await sandbox.requests()).filter((r) => r.path === "/v1/identify").map((r) => Date.parse(r.at));
  expect(statuses.filter((status) => status !== 202)).toEqual([]);
  expect(arrivals).toHaveLength(16 * 7);
  expect(busiestWindow(arrivals, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
  // Both servers used the limit together: 112 sends over at least two windows' worth of turns.
  expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(WINDOW_MS);
});

test("a role change or a deactivation on one server takes effect on the other within the session memo's bound", async ({
  playwright,
}) => {
  test.setTimeout(60_000);
  const email = `two-servers-${Date.now().toString(36)}@e2e.test`;
  const created = await admin.post(`${first().url}/api/users`, {
    data: { name: "Two servers", email, password: "operator-password-123", role: "operator" },
  });
  expect(created.status()).toBe(201);
  const { users } = (await (await admin.get(`${first().url}/api/users?limit=200`)).json()) as { users: { id: string; email: string }[] };
  const account = users.find((user) => user.email === email)!;
  const operator = await playwright.request.newContext();
  const signedIn = await operator.post(`${first().url}/api/auth/sign-in/email`, {
    data: { email, password: "operator-password-123" },
    headers: { origin: first().url },
  });
  expect(signedIn.status()).toBe(200);
  const sendOnSecond = async () =>
    (await operator.post(`${second().url}/api/identify`, { data: sendBody(bareForm(runPrefix("memo"))) })).status();

  // The second server knows the session (and keeps its verdict for a while).
  expect(await sendOnSecond()).toBe(200);
  const demoted = await admin.patch(`${first().url}/api/users/${account.id}`, { data: { role: "viewer" } });
  expect(demoted.status()).toBe(200);
  const changedAt = Date.now();
  await expect.poll(sendOnSecond, { timeout: MEMO_BOUND_MS + 2000, intervals: [250] }).toBe(403);
  expect(Date.now() - changedAt).toBeLessThanOrEqual(MEMO_BOUND_MS + 2000);

  // Back to operator, then deactivated on the first: the second refuses the session too.
  expect((await admin.patch(`${first().url}/api/users/${account.id}`, { data: { role: "operator" } })).status()).toBe(200);
  await expect.poll(sendOnSecond, { timeout: MEMO_BOUND_MS + 2000, intervals: [250] }).toBe(200);
  const deactivated = await admin.patch(`${first().url}/api/users/${account.id}`, { data: { active: false } });
  expect(deactivated.status()).toBe(200);
  await expect.poll(sendOnSecond, { timeout: MEMO_BOUND_MS + 2000, intervals: [250] }).toBe(401);
  await operator.dispose();
});

test("a bulk job is run by exactly one of the two servers: every row reaches the upstream once", async () => {
  test.setTimeout(90_000);
  await sandbox.respond({ status: 202, delayMs: 20, times: 1000 });
  const prefix = runPrefix("one");
  const rows = Array.from({ length: 60 }, (_, i) => userRow(i + 2, `${prefix}_${String(i).padStart(3, "0")}`));
  const job = await postPlan(admin, usersPlan(await defaultEnvironmentId(admin, first().url), rows), first().url);
  await expect.poll(() => leaseOwner(job.id), { timeout: 10_000 }).not.toBeNull();
  const owners = new Set<string>();
  for (;;) {
    const owner = await leaseOwner(job.id);
    if (owner) owners.add(owner);
    if ((await jobOf(admin, job.id, second().url)).state !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(await jobOf(admin, job.id, second().url)).toMatchObject({ state: "completed", sent: 60, failed: 0 });
  expect(owners.size).toBe(1);
  const perId = counts(await sentIds());
  expect([...perId.keys()].sort()).toEqual(rows.map((row) => row.values.userId));
  expect([...perId.values()].every((count) => count === 1)).toBe(true);
});

test("the server running a job is killed mid-job: the other takes it over and finishes, and no row whose 202 reached the history is sent twice", async () => {
  test.setTimeout(120_000);
  await sandbox.respond({ status: 202, delayMs: 30, times: 2000 });
  const prefix = runPrefix("takeover");
  const rows = Array.from({ length: 150 }, (_, i) => userRow(i + 2, `${prefix}_${String(i).padStart(3, "0")}`));
  const job = await postPlan(admin, usersPlan(await defaultEnvironmentId(admin, first().url), rows), first().url);
  await expect.poll(async () => (await jobOf(admin, job.id, first().url)).done, { timeout: 20_000 }).toBeGreaterThan(30);

  // The lease names the server process running the job (host:pid:...): that one dies.
  const owner = await leaseOwner(job.id);
  const holder = servers.find((server) => owner?.split(":")[1] === String(server.pid));
  expect(holder, `lease owner ${owner}`).toBeDefined();
  const survivor = servers.find((server) => server !== holder)!;
  await holder!.stop("SIGKILL");
  const sentAtKill = (await sentIds()).length;
  expect(sentAtKill).toBeLessThan(150);

  await expect.poll(async () => (await jobOf(admin, job.id, survivor.url)).state, { timeout: 60_000 }).toBe("completed");
  expect(await jobOf(admin, job.id, survivor.url)).toMatchObject({ sent: 150, failed: 0 });
  expect(await leaseOwner(job.id)).toBeNull();

  // Every row reached the upstream; the only ones sent twice were in flight when the holder died (at most
  // the runner's 4 in flight), their first attempt's answer never on record.
  const perId = counts(await sentIds());
  expect([...perId.keys()].sort()).toEqual(rows.map((row) => row.values.userId));
  const twice = [...perId].filter(([, count]) => count > 1).map(([id]) => id);
  expect(twice.length).toBeLessThanOrEqual(4);
  // The dead server's attempts in flight are marked "outcome unknown" by the survivor (it sees the dead
  // server's presence lock free within its 5 s sweep); nothing stays pending.
  await expect
    .poll(async () => (await historyRows(admin, prefix, { baseUrl: survivor.url })).filter((row) => row.status === "pending").length, { timeout: 20_000 })
    .toBe(0);
  const history = await historyRows(admin, prefix, { baseUrl: survivor.url });
  expect(history.filter((row) => row.status === "202")).toHaveLength(150);
  for (const id of twice) {
    expect(history.filter((row) => row.userId === id).map((row) => row.status).sort()).toEqual(["202", "unknown"]);
  }

  // The killed server comes back on its port for any test after this one.
  servers[servers.indexOf(holder!)] = await startServer(holder!.port);
});

test("servers starting together on one database make the first admin once", async () => {
  const { users } = (await (await admin.get(`${second().url}/api/users?limit=200`)).json()) as { users: { email: string; role: string }[] };
  expect(users.filter((user) => user.email === E2E.admin.email)).toEqual([expect.objectContaining({ role: "admin" })]);
});
