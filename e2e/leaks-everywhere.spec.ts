import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { makeTempDir, removeTempDir, signIn, startAppServer } from "./support/app-server";
import { expect, test } from "./support/fixtures";
import { bareForm, idempotent, identify, identifyAnswers, runPrefix, sendBody } from "./support/identify-api";
import { IdentifyPage } from "./support/identify-page";
import { databaseContents } from "./support/database";
import { builtRoutes, filesUnder, fillRoute, findKey, keyNeedles } from "./support/key-search";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

// The API keys (E2E.apiKey from the environment, and the key of an environment an admin adds) must appear
// nowhere a person or a file can reach: no page, no API response (CSV and detail included), no client bundle,
// not the database, not the server's log. Each search first proves it can find a key where it must be.

const KEY = E2E.apiKey;
type Source = { where: string; content: string | Buffer };

test("the search finds the key in every form it looks for", () => {
  const blob = Buffer.from(JSON.stringify({ headers: { authorization: `Token ${KEY}` } }));
  const found = findKey(KEY, [
    { where: "text", content: `curl -H 'Authorization: Token ${KEY}'` },
    { where: "hex", content: blob.toString("hex") },
    { where: "base64", content: blob.toString("base64") },
    { where: "base64url", content: blob.toString("base64url") },
    {
      where: "bytes",
      content: Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(KEY), Buffer.from([255])]),
    },
  ]);
  expect(new Set(found.map((leak) => leak.where))).toEqual(
    new Set(["text", "hex", "base64", "base64url", "bytes"]),
  );
  expect(findKey(KEY, [{ where: "clean", content: "Token ••••" }])).toEqual([]);
  expect(keyNeedles(KEY).every((needle) => needle.length >= 12)).toBe(true);
});

/** Both keys' leaks in the sources. */
function findKeys(keys: string[], sources: Source[]) {
  return keys.flatMap((key) => findKey(key, sources));
}

/** An environment with its own stored key: added, connection-tested, and sent with (the sandbox accepts it). */
async function sendWithStoredKey(request: APIRequestContext, prefix: string, baseUrl = "") {
  const key = `leak-env-key-${Math.random().toString(36).slice(2, 10)}`;
  const created = await request.post(`${baseUrl}/api/environments`, {
    data: {
      name: `Leak ${prefix}`,
      region: "custom",
      baseUrl: E2E.sandboxUrl,
      apiKey: key,
      isProduction: false,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { environment } = (await created.json()) as { environment: { id: string } };
  const check = await request.post(`${baseUrl}/api/environments/${environment.id}/test`);
  expect(check.status()).toBe(200);
  await sandbox.acceptKey(key);
  const response = await request.post(`${baseUrl}/api/identify`, {
    data: sendBody(bareForm(`${prefix}_stored_key`), { environmentId: environment.id }),
  });
  expect(((await response.json()) as { outcome: { status: string } }).outcome.status).toBe("202");
  // Positive control: this key did go out, in the headers the sandbox recorded.
  expect(
    findKey(key, [{ where: "sandbox log", content: JSON.stringify(await sandbox.requests()) }]),
  ).not.toEqual([]);
  await sandbox.reset();
  return {
    key,
    environmentId: environment.id,
    sources: [{ where: "environment answers", content: `${await created.text()}\n${await check.text()}` }],
  };
}

/** Sends that leave every kind of outcome on record: 202, upstream 400, 503, 401, a form rejection. */
async function sendEveryOutcome(request: APIRequestContext, prefix: string, baseUrl = "", key = KEY) {
  // The sandbox forgets an accepted key on reset; a server sending with another key needs it back.
  const reset = async () => {
    await sandbox.reset();
    if (key !== KEY) await sandbox.acceptKey(key);
  };
  await reset();
  const ok = await identify(
    request,
    {
      userId: `${prefix}_ok`,
      properties: [
        { name: "email", type: "string", value: "someone@example.com" },
        { name: "plan", type: "string", value: "pro" },
      ],
      companyId: "acme",
      companyProperties: [{ name: "name", type: "string", value: "Acme" }],
    },
    baseUrl,
  );
  await sandbox.respond({
    status: 400,
    body: {
      errors: [
        { error: "bad", error_code: "BAD", message: "user_id is invalid", details: { field: "user_id" } },
      ],
    },
  });
  const bad = await identify(request, bareForm(`${prefix}_400`), baseUrl);
  await sandbox.respond({ status: 503, body: "unavailable", times: 10 });
  const unavailable = await identify(request, bareForm(`${prefix}_503`), baseUrl);
  await reset();
  await sandbox.acceptKey("not-the-console-key");
  const denied = await identify(request, bareForm(`${prefix}_401`), baseUrl);
  await reset();
  const rejected = await request.post(`${baseUrl}/api/identify`, {
    data: sendBody(bareForm(` ${prefix}_padded`)),
  });
  expect(rejected.status()).toBe(400);
  const resent = await request.post(`${baseUrl}/api/history/${ok.historyId}/resend`);
  expect(resent.status()).toBe(200);
  return {
    ids: [ok, bad, unavailable, denied].map((o) => o.historyId),
    rejected: await rejected.text(),
    resent: await resent.text(),
  };
}

/** Opens every built page (and a few states of them) in the browser; returns every response it saw. */
async function visitEveryPage(page: Page, baseUrl: string, values: Record<string, string>, prefix: string) {
  const seen: Source[] = [];
  page.on("response", async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    seen.push({
      where: `browser ${response.url()}`,
      content: `${JSON.stringify(response.headers())}\n${body.toString("utf8")}`,
    });
  });
  const urls = [
    ...builtRoutes().pages.map((route) => fillRoute(route, values)),
    `/?from=${values.id}`,
    `/history?user=${prefix}&match=prefix`,
    `/history?outcome=unauthorized`,
    `/sandbox?user=${prefix}_ok`,
    `/users/${prefix}_ok`,
    "/no-such-page",
  ];
  for (const url of urls) await page.goto(`${baseUrl}${url}`);
  return { seen, urls };
}

/** GETs every built API route (ids filled in), the HTML and RSC payload of every page, and the CSV export. */
async function fetchEverything(
  request: APIRequestContext,
  baseUrl: string,
  values: Record<string, string>,
  pageUrls: string[],
  prefix: string,
) {
  const seen: Source[] = [];
  const urls = [
    ...builtRoutes().api.map((route) => fillRoute(route, values)),
    `/api/history?user=${prefix}&match=prefix`,
    "/api/history/export",
    `/api/history/export?user=${prefix}&match=prefix`,
    `/api/history/users/${prefix}_ok`,
    `/api/profiles/users/${prefix}_ok?environmentId=sandbox`,
    "/api/profiles/registry?environmentId=sandbox",
    "/api/profiles/registry/export?environmentId=sandbox",
  ];
  for (const url of urls) {
    const response = await idempotent(() => request.get(`${baseUrl}${url}`));
    seen.push({
      where: `GET ${url} ${response.status()}`,
      content: `${JSON.stringify(response.headers())}\n${await response.text()}`,
    });
  }
  for (const url of pageUrls) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const response = await idempotent(() => request.get(`${baseUrl}${url}`, { headers }));
      seen.push({
        where: `GET ${url} ${JSON.stringify(headers)}`,
        content: `${JSON.stringify(response.headers())}\n${await response.text()}`,
      });
    }
  }
  return { seen, urls };
}

test("the key is in no page, no API response, no client bundle and not in the database", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const prefix = runPrefix("leak");
  const sent = await sendEveryOutcome(request, prefix);

  // Positive control: the key did go out, in the header the sandbox recorded.
  const upstream = await sandbox.requests();
  expect(findKey(KEY, [{ where: "sandbox log", content: JSON.stringify(upstream) }])).not.toEqual([]);

  const stored = await sendWithStoredKey(request, prefix);
  const keys = [KEY, stored.key];

  const values = { id: sent.ids[0]!, userId: `${prefix}_ok` };
  const browser = await visitEveryPage(page, "", values, prefix);
  // One send through the browser too, to see its request and answer on the wire.
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill(`${prefix}_browser`);
  await form.send();
  await expect(form.outcome()).toContainText("202 Accepted");

  const fetched = await fetchEverything(request, "", values, browser.urls, prefix);
  const details = await Promise.all(
    sent.ids.map(async (id) => ({
      where: `detail ${id}`,
      content: await (await idempotent(() => request.get(`/api/history/${id}`))).text(),
    })),
  );
  const csv = await (
    await idempotent(() => request.get(`/api/history/export?user=${prefix}&match=prefix`))
  ).text();
  // The CSV really holds this run's rows, masked email included.
  expect(csv).toContain(`${prefix}_503`);
  expect(csv).not.toContain("someone@example.com");

  const responses: Source[] = [
    ...identifyAnswers,
    ...browser.seen,
    ...fetched.seen,
    ...details,
    { where: "csv", content: csv },
    { where: "form rejection", content: sent.rejected },
    { where: "resend", content: sent.resent },
    ...stored.sources,
  ];
  expect(browser.seen.length).toBeGreaterThan(browser.urls.length);
  // Every identify answer is searched whole, error answers included: this run's 503 is among them.
  expect(identifyAnswers.map((answer) => answer.content).join("\n")).toContain(sent.ids[2]);
  expect(findKeys(keys, responses)).toEqual([]);

  const bundles = filesUnder(path.resolve(".next/static"));
  expect(bundles.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(3);
  expect(
    findKeys(
      keys,
      bundles.map((file) => ({ where: file, content: fs.readFileSync(file) })),
    ),
  ).toEqual([]);

  const database = await databaseContents(E2E.databaseFile);
  // The search reads the right files: this run's rows are in them.
  expect(Buffer.concat(database.map((f) => f.content)).includes(`${prefix}_503`)).toBe(true);
  expect(findKeys(keys, database)).toEqual([]);
  await idempotent(() => request.delete(`/api/environments/${stored.environmentId}`));
});

test("the key is not in the log of a server that served every page and every outcome", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const dir = makeTempDir("leaks");
  const app = await startAppServer({ databaseFile: `${dir}/leaks.db`, env: { USERPILOT_TIMEOUT_MS: "300" } });
  try {
    await signIn(request, app);
    await signIn(page.request, app);
    const prefix = runPrefix("leaklog");
    const sent = await sendEveryOutcome(request, prefix, app.url);
    const stored = await sendWithStoredKey(request, prefix, app.url);
    const keys = [KEY, stored.key];
    await sandbox.respond({ status: 202, hang: true, times: 10 });
    expect((await identify(request, bareForm(`${prefix}_timeout`), app.url)).status).toBe("timeout");
    await sandbox.reset();
    const values = { id: sent.ids[0]!, userId: `${prefix}_ok` };
    const browser = await visitEveryPage(page, app.url, values, prefix);
    const fetched = await fetchEverything(request, app.url, values, browser.urls, prefix);
    expect(findKeys(keys, [...identifyAnswers, ...browser.seen, ...fetched.seen, ...stored.sources])).toEqual(
      [],
    );

    await app.stop("SIGTERM");
    const log = app.output();
    // The log was captured: the start-up line is in it.
    expect(log).toMatch(/sends to: Sandbox/);
    expect(findKeys(keys, [{ where: "server log", content: log }])).toEqual([]);
    expect(findKeys(keys, await databaseContents(app.databaseFile))).toEqual([]);
  } finally {
    await app.stop("SIGKILL");
    removeTempDir(dir);
  }
});

test("a key set in USERPILOT_API_KEY at run time is in no answer, page, bundle, database file or log", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  // Not the key the build saw: this one only ever exists in the running server's environment.
  const liveKey = `live-key-${Math.random().toString(36).slice(2, 12)}`;
  const dir = makeTempDir("live-key");
  const app = await startAppServer({
    databaseFile: `${dir}/live.db`,
    env: { USERPILOT_API_KEY: liveKey, USERPILOT_API_URL: E2E.sandboxUrl, USERPILOT_TIMEOUT_MS: "300" },
  });
  try {
    await signIn(request, app);
    await signIn(page.request, app);
    const prefix = runPrefix("livekey");
    const sent = await sendEveryOutcome(request, prefix, app.url, liveKey);
    // Positive control: the live key is what went upstream, and the fake accepted it.
    const accepted = await identify(request, bareForm(`${prefix}_accepted`), app.url);
    expect(accepted.status).toBe("202");
    expect(
      findKey(liveKey, [{ where: "sandbox log", content: JSON.stringify(await sandbox.requests()) }]),
    ).not.toEqual([]);
    await sandbox.reset();

    const stored = await sendWithStoredKey(request, prefix, app.url);
    const keys = [liveKey, stored.key];
    const values = { id: sent.ids[0]!, userId: `${prefix}_ok` };
    const browser = await visitEveryPage(page, app.url, values, prefix);
    const fetched = await fetchEverything(request, app.url, values, browser.urls, prefix);
    const csv = await (await idempotent(() => request.get(`${app.url}/api/history/export`))).text();
    expect(csv).toContain(`${prefix}_503`);
    expect(
      findKeys(keys, [
        ...identifyAnswers,
        ...browser.seen,
        ...fetched.seen,
        ...stored.sources,
        { where: "csv", content: csv },
        { where: "form rejection", content: sent.rejected },
        { where: "resend", content: sent.resent },
      ]),
    ).toEqual([]);

    const bundles = filesUnder(path.resolve(".next/static"));
    expect(
      findKeys(
        keys,
        bundles.map((file) => ({ where: file, content: fs.readFileSync(file) })),
      ),
    ).toEqual([]);

    await app.stop("SIGTERM");
    const database = await databaseContents(app.databaseFile);
    expect(Buffer.concat(database.map((f) => f.content)).includes(`${prefix}_503`)).toBe(true);
    expect(findKeys(keys, database)).toEqual([]);
    const log = app.output();
    expect(log).toMatch(/sends to: Custom/);
    expect(findKeys(keys, [{ where: "server log", content: log }])).toEqual([]);
  } finally {
    await sandbox.reset();
    await app.stop("SIGKILL");
    removeTempDir(dir);
  }
});
