import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/settings";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Specs of several servers on one PostgreSQL database are listed only when a PostgreSQL server is given
// (E2E_DATABASE_URL; they make their own databases on it).
const postgresOnly = process.env.E2E_DATABASE_URL ? [] : [/two-servers\.spec\.ts/];

export default defineConfig({
  testDir: "./e2e",
  // One app and one sandbox are shared, and tests steer the sandbox: run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  // The PostgreSQL run keeps its failure traces apart from the SQLite run's.
  outputDir: E2E.postgres ? "test-results/postgres" : "test-results",
  globalTeardown: "./e2e/support/global-teardown.ts",
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    baseURL: E2E.appUrl,
    // Traces keep DOM snapshots but no screencast: recording frames for every passing test cost ~10% of a run.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/, use: { launchOptions: { executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu"] } } },
    {
      name: "chromium",
      dependencies: ["sign-in"],
      testIgnore: postgresOnly,
      use: {
        ...devices["Desktop Chrome"],
        storageState: E2E.adminStorageState,
        launchOptions: {
          executablePath: chromiumPath,
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: [
    {
      command: "./node_modules/.bin/tsx lib/sandbox/standalone.ts",
      url: `${E2E.sandboxUrl}/__control/requests`,
      env: {
        SANDBOX_PORT: String(E2E.sandboxPort),
        SANDBOX_TEST_MODE: "1",
        SANDBOX_API_KEY: E2E.apiKey,
        SANDBOX_JOB_STEP_MS: "300",
      },
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 30_000,
    },
    {
      // A throw-away database for every run (a file removed, or a PostgreSQL database made anew); exec so
      // that stopping the server stops next itself.
      command: E2E.postgres
        ? `sh -c './node_modules/.bin/tsx e2e/support/fresh-shared-database.ts && exec ./node_modules/.bin/next start -p ${E2E.appPort}'`
        : `sh -c 'rm -f ${E2E.databaseFile}*; exec ./node_modules/.bin/next start -p ${E2E.appPort}'`,
      url: `${E2E.appUrl}/api/health`,
      env: E2E.appEnv,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      timeout: 60_000,
    },
  ],
});
