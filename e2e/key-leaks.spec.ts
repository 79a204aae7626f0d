import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { IdentifyPage } from "./support/identify-page";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

test("the API key is in no page, no API response and no client bundle", async ({ page, request }) => {
  await sandbox.reset();
  const seen: string[] = [];
  page.on("response", async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    seen.push(`${response.url()}\n${JSON.stringify(response.headers())}\n${body.toString("utf8")}`);
  });

  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_leak_check");
  await form.send();
  await expect(form.outcome()).toContainText("202 Accepted");
  await sandbox.acceptKey("something-else");
  await form.send();
  await expect(form.outcome()).toContainText("401");
  for (const url of ["/history", "/sandbox?user=user_leak_check"]) await page.goto(url);

  for (const url of ["/", "/history", "/sandbox", "/api/health"]) {
    const response = await request.get(url);
    seen.push(await response.text());
  }
  const invalid = await request.post("/api/identify", { data: { userId: " padded" } });
  seen.push(await invalid.text());

  expect(seen.length).toBeGreaterThan(5);
  const leaking = seen.filter((text) => text.includes(E2E.apiKey));
  expect(leaking).toEqual([]);

  const bundles = filesUnder(path.resolve(".next/static"));
  expect(bundles.length).toBeGreaterThan(0);
  const leakingBundles = bundles.filter((file) => fs.readFileSync(file, "utf8").includes(E2E.apiKey));
  expect(leakingBundles).toEqual([]);
});
