// Takes the README screenshot from a running console:
//   ADMIN_EMAIL=... ADMIN_PASSWORD=... node scripts/screenshot.mjs [url] [out.png]
import { chromium } from "@playwright/test";
import { findChromium } from "./find-browser.mjs";

const url = process.argv[2] ?? "http://127.0.0.1:3000";
const out = process.argv[3] ?? "docs/screenshot.png";

const browser = await chromium.launch({ executablePath: findChromium(), args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, deviceScaleFactor: 1 });
await page.goto(`${url}/login`);
await page.getByLabel("Email").fill(process.env.ADMIN_EMAIL ?? "");
await page.getByLabel("Password").fill(process.env.ADMIN_PASSWORD ?? "");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByLabel("User ID").waitFor();
await page.getByLabel("User ID").fill("user_001");
const rows = [
  ["email", "String", "jane@example.com"],
  ["seats", "Numeric", "25"],
  ["created_at", "Date", "2025-02-01T10:00:00Z"],
];
const group = page.getByRole("group", { name: "User properties" });
for (const [index, [name, type, value]] of rows.entries()) {
  await group.getByRole("button", { name: "Add property" }).click();
  await group.getByLabel("Property name").nth(index).fill(name);
  await group.getByLabel("Type").nth(index).selectOption({ label: type });
  await group.getByRole("listitem").nth(index).getByLabel("Value", { exact: true }).fill(value);
}
await page.getByLabel("Company ID").fill("company_001");
await page.getByRole("button", { name: "Send", exact: true }).click();
await page.getByRole("status").getByText("Accepted:").waitFor();
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: out, fullPage: false });
await browser.close();
console.log(`Saved ${out}`);
