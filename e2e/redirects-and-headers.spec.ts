import path from "node:path";
import { expect, test } from "./support/fixtures";
import { makeTempDir, removeTempDir, startAppServer } from "./support/app-server";
import { E2E } from "./support/settings";

// The shared app's project signs in as the admin (storageState), so /login sends the visitor on at once.
test("a signed-in visitor at /login is sent only to a page of the console, whatever `next` says", async ({
  page,
}) => {
  for (const next of [
    "/%5Cevil.example/x",
    "/%09/evil.example",
    "//evil.example",
    "https://evil.example/",
    "/.//evil.example",
    "javascript:alert(1)",
  ]) {
    await page.goto(`/login?next=${next}`);
    await expect(page, next).toHaveURL(`${E2E.appUrl}/`);
  }
  await page.goto(`/login?next=${encodeURIComponent("/history?status=200")}`);
  await expect(page).toHaveURL(`${E2E.appUrl}/history?status=200`);
});

test("HSTS is sent when APP_URL is https, and not over plain http", async () => {
  const plain = await fetch(`${E2E.appUrl}/login`);
  expect(plain.headers.get("strict-transport-security")).toBeNull();

  const dir = makeTempDir("hsts");
  const server = await startAppServer({
    databaseFile: path.join(dir, "db.sqlite"),
    env: { APP_URL: "https://console.e2e.test" },
  });
  try {
    for (const url of [`${server.url}/login`, `${server.url}/api/health`]) {
      const response = await fetch(url, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security"), url).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
    // The proxy skips the send route (proxy.ts): the route sets the header itself.
    const send = await fetch(`${server.url}/api/identify`, { method: "POST", body: "{}", redirect: "manual" });
    expect(send.status).toBe(401);
    expect(send.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  } finally {
    await server.stop();
    removeTempDir(dir);
  }
});
