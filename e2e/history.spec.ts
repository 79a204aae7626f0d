import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { z } from "zod";
import { IdentifyPage } from "./support/identify-page";
import { bareForm, identify } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

const run = Date.now().toString(36);
const ids = { ok: `hist_ok_${run}`, bad: `hist_bad_${run}`, denied: `hist_401_${run}` };

async function sendFrom(page: Page, userId: string, setup?: () => Promise<unknown>) {
  await sandbox.reset();
  await setup?.();
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill(userId);
  await form.addRows(form.userProperties(), [
    { name: "plan", type: "String", value: "pro" },
    { name: "seats", type: "Numeric", value: "12" },
    { name: "renewal", type: "Date", value: "2026-01-31" },
    { name: "legacy_flag", type: "Remove" },
  ]);
  await form.send();
  await expect(form.outcome()).toContainText(/\d{3}/);
}

test.describe.serial("history", () => {
  test("a 202, a 400 and a 401 sent from the form appear with the right badges", async ({ page }) => {
    await sendFrom(page, ids.ok);
    await sendFrom(page, ids.bad, () =>
      sandbox.respond({ status: 400, body: { errors: [{ error: "Bad Request", error_code: "validation_error", message: "user_id is invalid", details: { field: "user_id" } }] } }),
    );
    await sendFrom(page, ids.denied, () => sandbox.acceptKey("not-the-console-key"));

    await page.goto("/history");
    const table = page.getByRole("table");
    for (const [userId, label] of [
      [ids.ok, "202 Accepted"],
      [ids.bad, "400 Bad request"],
      [ids.denied, "401 Unauthorized"],
    ] as const) {
      const row = table.getByRole("row").filter({ hasText: userId });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(label);
      await expect(row).toContainText("Sandbox");
      await expect(row.getByRole("cell").nth(4)).toHaveText("4");
    }
  });

  test("filtering by outcome and by user id shows the right rows and survives a reload", async ({ page }) => {
    await page.goto("/history");
    const filters = page.getByRole("form", { name: "History filters" });
    await filters.getByLabel("Bad request (4xx)").check();
    await filters.getByLabel("Unauthorized (401)").check();
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/outcome=bad_request/);
    await expect(page).toHaveURL(/outcome=unauthorized/);

    const table = page.getByRole("table");
    await expect(table.getByRole("row").filter({ hasText: ids.bad })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: ids.denied })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: ids.ok })).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole("form", { name: "History filters" }).getByLabel("Unauthorized (401)")).toBeChecked();
    await expect(table.getByRole("row").filter({ hasText: ids.denied })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: ids.ok })).toHaveCount(0);

    await page.goto("/history");
    await page.getByRole("form", { name: "History filters" }).getByLabel("User ID").fill(`hist_ok_${run}`);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`user=hist_ok_${run}`));
    await expect(table.getByRole("row")).toHaveCount(2); // header + the one row
    await page.reload();
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText(ids.ok);

    // Prefix match finds all three of this run.
    await page.goto(`/history?user=hist_&match=prefix`);
    for (const userId of Object.values(ids)) await expect(table.getByRole("row").filter({ hasText: userId })).toHaveCount(1);
  });

  test("the user id links to that user's timeline", async ({ page }) => {
    await page.goto("/history");
    await page.getByRole("link", { name: ids.denied, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/history\\?user=${ids.denied}`));
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  });

  test("the detail page shows the body, masked headers, the attempts; Edit and resend restores every type", async ({ page }) => {
    await page.goto(`/history?user=${ids.ok}`);
    await page.getByRole("link", { name: /Details/ }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(ids.ok);
    const body = JSON.parse((await page.getByLabel("Request body").textContent()) ?? "null");
    expect(body).toEqual({ user_id: ids.ok, metadata: { plan: "pro", seats: 12, renewal: "2026-01-31", legacy_flag: null } });
    await expect(page.getByLabel("Headers")).toContainText("Token ••••");
    await expect(page.getByText("Attempt 1")).toBeVisible();

    await page.getByRole("link", { name: "Edit and resend" }).click();
    const group = page.getByRole("group", { name: "User properties" });
    await expect(page.getByLabel("User ID")).toHaveValue(ids.ok);
    await expect(group.getByLabel("Property name")).toHaveCount(4);
    const types = await group.getByLabel("Type").evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value));
    expect(types).toEqual(["string", "numeric", "date", "remove"]);
    await expect(group.getByLabel("Value", { exact: true }).nth(1)).toHaveValue("12");

    await sandbox.reset();
    await group.getByLabel("Value", { exact: true }).nth(1).fill("13");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(new IdentifyPage(page).outcome()).toContainText("202 Accepted");
    const [sent] = await sandbox.requests();
    expect(JSON.parse(sent?.body ?? "")).toMatchObject({ metadata: { seats: 13 } });

    await page.getByRole("link", { name: "View this request in the history" }).click();
    await expect(page.getByText("resend of")).toBeVisible();
  });

  test("Resend asks for confirmation, sends the same body, and links back", async ({ page }) => {
    await sandbox.reset();
    await page.goto(`/history?user=${ids.bad}`);
    await page.getByRole("link", { name: /Details/ }).first().click();
    await page.getByRole("button", { name: "Resend" }).click();
    const dialog = page.getByRole("dialog", { name: "Send this request again?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Resend" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("202 Accepted");
    await expect(page.getByText("resend of")).toBeVisible();
    const [sent] = await sandbox.requests();
    expect(JSON.parse(sent?.body ?? "")).toMatchObject({ user_id: ids.bad, metadata: { seats: 12 } });
  });

  test("erasure shows how many rows go, then deletes them", async ({ page }) => {
    await page.goto("/history");
    await page.getByText("Erase a user's history").click();
    await page.getByLabel("User ID to erase").fill(ids.bad);
    await page.getByRole("button", { name: "Review erasure" }).click();
    const dialog = page.getByRole("dialog", { name: "Erase this user's history?" });
    await expect(dialog).toContainText("2 requests");
    await dialog.getByRole("button", { name: "Delete 2 requests" }).click();
    await expect(dialog).toBeHidden();
    await page.goto(`/history?user=${ids.bad}`);
    await expect(page.getByText("No requests match these filters")).toBeVisible();
  });

  test("the CSV export holds the filtered rows", async ({ request }) => {
    const response = await request.get(`/api/history/export?user=${ids.ok}`);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toContain("user_id");
    expect(lines).toHaveLength(3); // header, the original, and the edited resend
    expect(lines.slice(1).every((line) => line.includes(ids.ok))).toBe(true);
  });

  test("the CSV export escapes cells a spreadsheet would run as formulas, and is audited", async ({ request }) => {
    await sandbox.reset();
    const hostile = [`=1+1_${run}`, `@SUM(1+1)_${run}`, `+cmd_${run}`, `-2+3_${run}`];
    for (const userId of hostile) await identify(request, bareForm(userId));
    for (const userId of hostile) {
      const response = await request.get(`/api/history/export?user=${encodeURIComponent(userId)}`);
      const [, row] = (await response.text()).trim().split("\n");
      const cells = row?.split(",") ?? [];
      expect(cells).toContain(`'${userId}`);
      expect(cells).not.toContain(userId);
    }
    const audit = await (await request.get("/api/audit")).json();
    const exported = z
      .object({ entries: z.array(z.object({ action: z.string(), actor: z.string(), details: z.string() })) })
      .parse(audit)
      .entries.filter((entry) => entry.action === "history.exported");
    expect(exported.length).toBeGreaterThanOrEqual(hostile.length);
    expect(exported[0]).toMatchObject({ actor: E2E.admin.email, details: JSON.stringify({ filters: "user" }) });
  });
});
