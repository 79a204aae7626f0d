import { makeTempDir, removeTempDir, signIn, startAppServer, type AppServer } from "./support/app-server";
import { expect, test } from "./support/fixtures";
import { bareForm, historyDetail, historyRows, identify, runPrefix, sendBody } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";

// Each test runs its own `next start` on its own database, so it can kill it without touching the shared app.

let dir: string;
let app: AppServer | undefined;

test.beforeEach(async () => {
  await sandbox.reset();
  dir = makeTempDir("crash");
});

test.afterEach(async () => {
  await app?.stop("SIGKILL");
  app = undefined;
  await sandbox.reset();
  removeTempDir(dir);
});

test("a server killed mid-send leaves the row as 'outcome unknown' with guidance, and loses nothing else", async ({
  page,
  request,
}) => {
  const prefix = runPrefix("crash");
  // A long upstream timeout, so the send is surely still in flight when the server dies.
  app = await startAppServer({ databaseFile: `${dir}/crash.db`, env: { USERPILOT_TIMEOUT_MS: "60000" } });
  const { url, port, databaseFile } = app;
  // Sessions live in the database, so these outlive the restart.
  await signIn(request, app);
  await signIn(page.request, app);

  // Earlier rows: one accepted, one rejected upstream.
  const accepted = await identify(request, bareForm(`${prefix}_before_ok`), url);
  expect(accepted.status).toBe("202");
  await sandbox.respond({
    status: 400,
    body: { errors: [{ error: "bad", error_code: "BAD", message: "nope" }] },
  });
  const refused = await identify(request, bareForm(`${prefix}_before_400`), url);
  expect(refused.status).toBe("400");
  const before = await Promise.all([accepted, refused].map((o) => historyDetail(request, o.historyId, url)));

  await sandbox.respond({ status: 202, hang: true, times: 10 });
  const inFlight = request.post(`${url}/api/identify`, { data: sendBody(bareForm(`${prefix}_in_flight`)) }).then(
    (response) => `answered ${response.status()}`,
    (error: unknown) => `failed: ${String(error)}`,
  );

  // Wait until the row is on record as pending and the request has reached the upstream.
  await expect
    .poll(async () =>
      (await historyRows(request, `${prefix}_in_flight`, { match: "exact", baseUrl: url })).map(
        (r) => r.status,
      ),
    )
    .toEqual(["pending"]);
  await expect
    .poll(async () =>
      (await sandbox.requests()).map((r) => (JSON.parse(r.body) as { user_id: string }).user_id),
    )
    .toContain(`${prefix}_in_flight`);

  await app.stop("SIGKILL");
  expect(await inFlight).toMatch(/^failed:/);

  app = await startAppServer({ databaseFile, port, env: { USERPILOT_TIMEOUT_MS: "60000" } });

  const [row] = await historyRows(request, `${prefix}_in_flight`, { match: "exact", baseUrl: url });
  expect(row?.status).toBe("unknown");
  expect(app.output()).toMatch(
    /1 request\(s\) were in flight when their server stopped; marked "outcome unknown"/,
  );
  const detail = await historyDetail(request, row!.id, url);
  expect(detail.status).toBe("unknown");
  expect(detail.requestBody).toEqual({ user_id: `${prefix}_in_flight` });

  await page.goto(`${url}/history/${row!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Outcome unknown");
  const note = page.getByRole("note");
  await expect(note).toContainText("Outcome unknown");
  await expect(note).toContainText("Check the user in Userpilot before resending");

  // The earlier rows are exactly as they were, and only the three rows exist.
  const after = await Promise.all([accepted, refused].map((o) => historyDetail(request, o.historyId, url)));
  expect(after).toEqual(before);
  expect((await historyRows(request, prefix, { baseUrl: url })).map((r) => r.status).sort()).toEqual([
    "202",
    "400",
    "unknown",
  ]);
});

test("after a clean restart the history is still there", async ({ page, request }) => {
  const prefix = runPrefix("restart");
  app = await startAppServer({ databaseFile: `${dir}/restart.db` });
  const { url, port, databaseFile } = app;
  await signIn(request, app);
  await signIn(page.request, app);
  const sent = await identify(request, bareForm(`${prefix}_kept`), url);
  expect(sent.status).toBe("202");
  const before = await historyDetail(request, sent.historyId, url);

  await app.stop("SIGTERM");
  app = await startAppServer({ databaseFile, port });
  // Signing in again keeps this test about the history, whatever happens to sessions.
  await signIn(request, app);
  await signIn(page.request, app);
  expect(app.output()).not.toContain("in flight when their server stopped");

  expect(await historyDetail(request, sent.historyId, url)).toEqual(before);
  await page.goto(`${url}/history?user=${prefix}_kept`);
  await expect(
    page
      .getByRole("table")
      .getByRole("row")
      .filter({ hasText: `${prefix}_kept` }),
  ).toContainText("202 Accepted");
});
