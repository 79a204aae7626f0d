import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";

export type BrowserWeight = { scripts: number; gzipBytes: number; withZod: boolean };

/**
 * The JavaScript a real browser downloads for a page: every script response until the network is idle (the
 * chunks a page loads after it shows count too), each gzip-sized with node:zlib like page-weight.ts; then,
 * with `firstUse`, what the first use adds. Chromium is Debian's (CHROMIUM_PATH), as in the end-to-end tests.
 */
export async function browserWeight(
  url: string,
  cookie: string | undefined,
  firstUse?: (page: Page) => Promise<void>,
): Promise<{ visit: BrowserWeight; afterUse?: BrowserWeight }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: cookie ? { cookie } : {} });
    const page = await context.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.body());
    });
    const network = trackQuiet(page);
    await page.goto(url, { waitUntil: "load" });
    await network.quiet();
    const visit = weigh(await Promise.all(bodies));
    if (!firstUse) return { visit };
    await firstUse(page);
    await network.quiet();
    return { visit, afterUse: weigh(await Promise.all(bodies)) };
  } finally {
    await browser.close();
  }
}

const QUIET_MS = 500;

/** Resolves once no request has been in flight for QUIET_MS (Playwright's "networkidle", but reusable). */
function trackQuiet(page: Page) {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (by: number) => {
    inFlight += by;
    lastChange = Date.now();
  };
  page.on("request", () => change(1));
  page.on("requestfinished", () => change(-1));
  page.on("requestfailed", () => change(-1));
  return {
    async quiet(): Promise<void> {
      lastChange = Math.max(lastChange, Date.now());
      while (inFlight > 0 || Date.now() - lastChange < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

function weigh(bodies: Buffer[]): BrowserWeight {
  return {
    scripts: bodies.length,
    gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
    withZod: bodies.some((body) => /ZodError|\$ZodType/.test(body.toString("utf8"))),
  };
}
