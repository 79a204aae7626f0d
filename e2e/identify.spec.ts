import { z } from "zod";
import { expect, test } from "./support/fixtures";
import { IdentifyPage } from "./support/identify-page";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

test.beforeEach(async () => {
  await sandbox.reset();
});

test("typed properties and a company: the preview shows the JSON, the send is accepted, the sandbox got exactly it", async ({ page }) => {
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_1");
  await form.addRows(form.userProperties(), [
    { name: "plan", type: "String", value: "pro" },
    { name: "seats", type: "Numeric", value: "1e3" },
    { name: "created_at", type: "Date", value: "2025-02-01T10:00Z" },
  ]);
  await page.getByLabel("Company ID").fill("acme");
  await form.addRows(form.companyProperties(), [{ name: "name", type: "String", value: "Acme Inc." }]);

  const expected = {
    user_id: "user_e2e_1",
    metadata: { plan: "pro", seats: 1000, created_at: "2025-02-01T10:00:00Z" },
    company: { id: "acme", name: "Acme Inc." },
  };
  expect(await form.previewJson()).toEqual(expected);

  await form.send();
  const outcome = form.outcome();
  await expect(outcome).toContainText("202 Accepted");
  await expect(outcome).toContainText("Accepted: Userpilot queues the update; it can take a few minutes to show in Userpilot.");
  await expect(page.getByTestId("outcome-request-id")).toHaveText(/^sbx_/);

  const received = await sandbox.requests();
  expect(received).toHaveLength(1);
  const [request] = received;
  expect(request?.path).toBe("/v1/identify");
  expect(JSON.parse(request?.body ?? "")).toEqual(expected);
  expect(request?.headers["content-type"]).toBe("application/json");
  expect(request?.headers["authorization"]).toBe(`Token ${E2E.apiKey}`);
  expect(request?.headers["x-api-version"]).toBe("2020-09-22");

  // Every value stays in the form after the send.
  await expect(page.getByLabel("User ID")).toHaveValue("user_e2e_1");
  await expect(form.userProperties().getByLabel("Value", { exact: true }).nth(1)).toHaveValue("1e3");

  // The sandbox profile page shows what the send did.
  await page.goto("/sandbox?user=user_e2e_1");
  await expect(page.getByRole("row", { name: /seats/ })).toContainText("1000");
  await expect(page.getByText("acme").first()).toBeVisible();
});

test("a rejected key gives 401 with Userpilot's checks", async ({ page }) => {
  await sandbox.acceptKey("a-different-key");
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_401");
  await form.send();
  await expect(form.outcome()).toContainText("401 Unauthorized");
  await expect(form.outcome()).toContainText("the API key, not the App Token");
  await expect(form.outcome()).toContainText("US (analytex) or EU (analytex-eu)");
  await expect(page.getByLabel("User ID")).toHaveValue("user_e2e_401");
});

test("an upstream 400 shows Userpilot's own message next to the field it names", async ({ page }) => {
  await sandbox.respond({
    status: 400,
    body: {
      errors: [
        {
          error: "invalid_metadata",
          error_code: "INVALID_METADATA",
          message: "metadata.plan is not an allowed value",
          details: { field: "metadata.plan" },
        },
      ],
    },
  });
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_400");
  await form.addRows(form.userProperties(), [{ name: "plan", type: "String", value: "platinum" }]);
  await form.send();
  await expect(form.outcome()).toContainText("400 Bad request");
  await expect(form.outcome()).toContainText("metadata.plan is not an allowed value");
  const valueInput = form.userProperties().getByLabel("Value", { exact: true });
  await expect(valueInput).toHaveAttribute("aria-invalid", "true");
  await expect(form.userProperties()).toContainText("metadata.plan is not an allowed value");
});

test("1,000 in a Numeric row is caught in the form and nothing is sent", async ({ page }) => {
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_numeric");
  await form.addRows(form.userProperties(), [{ name: "seats", type: "Numeric", value: "1,000" }]);
  await form.send();
  await expect(form.userProperties().getByText(/1000/)).toBeVisible();
  await expect(form.userProperties().getByLabel("Value", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.outcome()).toContainText("Nothing sent yet");
  expect(await sandbox.requests()).toHaveLength(0);
});

test("a server error is retried, then reported with the attempts and that sending again is safe", async ({ page }) => {
  await sandbox.respond({ status: 503, body: "upstream unavailable", times: 10 });
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_503");
  await form.send();
  await expect(form.outcome()).toContainText("503");
  await expect(form.outcome()).toContainText("4 attempts");
  await expect(form.outcome()).toContainText("Sending again is safe");
  expect(await sandbox.requests()).toHaveLength(4);
});

test("a rate limit then success: the retry is accepted", async ({ page }) => {
  await sandbox.respond({ status: 429, headers: { "retry-after": "0" }, times: 1 });
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_429");
  await form.send();
  await expect(form.outcome()).toContainText("202 Accepted");
  await expect(form.outcome()).toContainText("2 attempts");
});

test("a double click sends once, and the form is disabled while sending", async ({ page }) => {
  await sandbox.respond({ status: 202, body: {}, times: 1, delayMs: 800 });
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_once");
  const send = page.getByRole("button", { name: "Send", exact: true });
  await send.dblclick();
  await expect(page.getByLabel("User ID")).toBeDisabled();
  await expect(form.outcome()).toContainText("202 Accepted");
  await expect(page.getByLabel("User ID")).toBeEnabled();
  expect(await sandbox.requests()).toHaveLength(1);
});

test("Copy as cURL writes the request with $USERPILOT_API_KEY, never the key", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_curl");
  await form.addRows(form.userProperties(), [{ name: "note", type: "String", value: "it's fine" }]);
  await page.getByRole("button", { name: "Copy as cURL" }).click();
  await expect(page.getByText("cURL command copied")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`curl -X POST '${E2E.sandboxUrl}/v1/identify'`);
  expect(copied).toContain('Authorization: Token $USERPILOT_API_KEY');
  expect(copied).toContain("X-API-Version: 2020-09-22");
  expect(copied).toContain("it'\\''s fine");
  expect(copied).not.toContain(E2E.apiKey);
});

test("reserved names suggest their type and warn about what Userpilot sets itself", async ({ page }) => {
  const form = new IdentifyPage(page);
  await form.open();
  const group = form.userProperties();
  await group.getByRole("button", { name: "Add property" }).click();
  await group.getByLabel("Property name").fill("created_at");
  await expect(group.getByLabel("Type")).toHaveValue("date");
  await group.getByLabel("Property name").fill("last_seen_at");
  await expect(group.getByText("Userpilot sets this itself")).toBeVisible();
  await group.getByLabel("Property name").fill("signed_up_at");
  await expect(group.getByText("Alias of created_at")).toBeVisible();
});

test("the date picker writes ISO 8601 with an explicit time zone, and a bad date is caught", async ({ page }) => {
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_dates");
  await form.addRows(form.userProperties(), [{ name: "renewal", type: "Date" }]);
  const row = form.userProperties().getByRole("listitem").first();
  await row.getByLabel("Pick date and time").fill("2025-03-04T05:06");
  await expect(row.getByLabel("Value", { exact: true })).toHaveValue("2025-03-04T05:06:00Z");
  expect(await form.previewJson()).toEqual({ user_id: "user_dates", metadata: { renewal: "2025-03-04T05:06:00Z" } });

  await row.getByLabel("Value", { exact: true }).fill("2025-02-30");
  await form.send();
  await expect(row.getByText(/February 2025 has/)).toBeVisible();
  await row.getByLabel("Value", { exact: true }).fill("31/12/2025");
  await expect(row.getByText(/2025-12-31/)).toBeVisible();
  expect(await sandbox.requests()).toHaveLength(0);
});

test("a row switched to Remove drops the value typed before, in the form, the request and the history", async ({ page, request }) => {
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("user_e2e_remove");
  await form.addRows(form.userProperties(), [{ name: "email", type: "String", value: "typed-then-removed@example.com" }]);
  await form.userProperties().getByLabel("Type").selectOption({ label: "Remove" });
  expect(await form.previewJson()).toEqual({ user_id: "user_e2e_remove", metadata: { email: null } });

  await form.send();
  await expect(form.outcome()).toContainText("202 Accepted");
  const [sent] = await sandbox.requests();
  expect(sent?.body).not.toContain("typed-then-removed");

  // Switching back shows an empty value: the form itself kept nothing.
  await form.userProperties().getByLabel("Type").selectOption({ label: "String" });
  await expect(form.userProperties().getByLabel("Value", { exact: true })).toHaveValue("");

  const history = await (await request.get("/api/history?user=user_e2e_remove")).json();
  const id = z.object({ rows: z.array(z.object({ id: z.string() })).min(1) }).parse(history).rows[0]!.id;
  const detail = await (await request.get(`/api/history/${id}`)).text();
  expect(detail).toContain("email");
  expect(detail).not.toContain("typed-then-removed");
});

test("the page loads no validation code until the form is used: zod comes with the first focus, and the registry read with it", async ({ page }) => {
  const scripts: string[] = [];
  const reads: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.url());
    if (response.url().includes("/api/profiles/registry")) reads.push(response.url());
  });
  const withZod = async () => {
    const bodies = await Promise.all(scripts.map(async (url) => (await page.request.get(url)).text()));
    return bodies.filter((body) => body.includes("ZodError")).length;
  };
  await page.goto("/");
  await expect(page.getByLabel("User ID")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await withZod()).toBe(0);
  expect(reads).toEqual([]);

  await page.getByLabel("User ID").focus();
  await expect.poll(() => reads.length).toBe(1);
  await expect.poll(withZod).toBeGreaterThan(0);
});
