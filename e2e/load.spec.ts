import { makeTempDir, removeTempDir, signIn, startAppServer, type AppServer } from "./support/app-server";
import { expect, test } from "./support/fixtures";
import { bareForm, historyRows, runPrefix, sendBody, setSandboxRateLimit } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";

const SENDS = 200;

// Its own server, with an upstream timeout for a burst rather than the shared app's 1.5 s (which exists so
// timeout tests run fast): on a busy 2-core machine 200 sends at once can keep an answer waiting longer, and
// a timed-out attempt is retried, which this test would rightly count as a second upstream request.
let dir: string;
let app: AppServer | undefined;

test.beforeEach(async () => {
  dir = makeTempDir("load");
  app = await startAppServer({ databaseFile: `${dir}/load.db`, env: { USERPILOT_TIMEOUT_MS: "30000" } });
});

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
  await sandbox.reset();
  removeTempDir(dir);
});

test(`${SENDS} sends at once: ${SENDS} history rows, ${SENDS} upstream requests, no 5xx, no lock errors`, async ({
  request,
}) => {
  const { url } = app!;
  await signIn(request, app!);
  await sandbox.reset();
  // The sandbox allows 600 a minute; earlier specs in the run may have spent part of that.
  await setSandboxRateLimit(100_000);
  const prefix = runPrefix("load");
  const userIds = Array.from({ length: SENDS }, (_, i) => `${prefix}_${String(i).padStart(3, "0")}`);

  const answers = await Promise.all(
    userIds.map(async (userId) => {
      const response = await request.post(`${url}/api/identify`, { data: sendBody(bareForm(userId)), timeout: 60_000 });
      return { userId, status: response.status(), text: await response.text() };
    }),
  );

  expect(
    answers.filter((a) => a.status !== 200).map((a) => `${a.userId}: ${a.status} ${a.text.slice(0, 200)}`),
  ).toEqual([]);
  expect(answers.filter((a) => /database is locked|SQLITE_BUSY/i.test(a.text))).toEqual([]);
  const outcomes = answers.map(
    (a) =>
      (JSON.parse(a.text) as { outcome: { status: string; attempts: number; historyId: string } }).outcome,
  );
  expect(outcomes.filter((o) => o.status !== "202" || o.attempts !== 1)).toEqual([]);
  expect(new Set(outcomes.map((o) => o.historyId)).size).toBe(SENDS);

  const rows = await historyRows(request, prefix, { baseUrl: url });
  expect(rows).toHaveLength(SENDS);
  expect(rows.map((r) => r.userId).sort()).toEqual(userIds);
  expect(rows.filter((r) => r.status !== "202")).toEqual([]);
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(outcomes.map((o) => o.historyId)));
  // Each row holds its own upstream answer, not a neighbour's.
  expect(new Set(rows.map((r) => r.requestId)).size).toBe(SENDS);
  expect(rows.every((r) => r.requestId?.startsWith("sbx_"))).toBe(true);

  const upstream = await sandbox.requests();
  expect(upstream).toHaveLength(SENDS);
  expect(upstream.every((r) => r.method === "POST" && r.path === "/v1/identify")).toBe(true);
  expect(upstream.map((r) => (JSON.parse(r.body) as { user_id: string }).user_id).sort()).toEqual(userIds);
});
