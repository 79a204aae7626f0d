// Makes sure the end-to-end tests have a browser; installs Debian's chromium when that is possible.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { findChromium } from "./find-browser.mjs";

function playwrightsOwn() {
  try {
    const own = chromium.executablePath();
    return own && fs.existsSync(own) ? own : undefined;
  } catch {
    return undefined;
  }
}

export function ensureBrowser() {
  const found = findChromium() ?? playwrightsOwn();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && fs.existsSync("/etc/debian_version")) {
    console.log("No Chromium found: installing Debian's chromium package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    if (update.status === 0 && install.status === 0 && findChromium()) return findChromium();
  }
  console.error(
    "No Chromium found for the end-to-end tests. Install one, then run the tests again:\n" +
      "  sudo apt-get install -y chromium        (Debian/Ubuntu)\n" +
      "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureBrowser());
