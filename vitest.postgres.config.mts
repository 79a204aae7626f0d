// The store tests again, on PostgreSQL: `TEST_DATABASE_URL=postgres://... vitest run -c vitest.postgres.config.mts`
// (npm test runs it when that server answers). Every test file here gets its databases from
// lib/testing/test-database.ts, which makes them on that server; tests of SQLite's own files stay out.
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base, { POSTGRES_ONLY_TESTS } from "./vitest.config.mts";

// Exactly the test files that touch a database (withTempAppDatabase, freshDatabaseUrl, openFreshDatabase,
// startAuthApp, the bulk job harness, db()), and the PostgreSQL-only *.postgres.test.ts, so this run stays
// short. Left out on purpose, as tests of SQLite's own files: lib/db/open.test.ts, lib/auth/app-secret.test.ts,
// lib/secrets/generated-secret.test.ts.
export const POSTGRES_TEST_FILES = [
  "app/api/health/route.test.ts",
  "app/api/identify/route.test.ts",
  "lib/audit/audit-log.test.ts",
  "lib/auth/auth-route.test.ts",
  "lib/auth/auth.test.ts",
  "lib/auth/first-admin.test.ts",
  "lib/auth/guard.test.ts",
  "lib/auth/sign-in-lock.test.ts",
  "lib/auth/sso-flow.test.ts",
  "lib/auth/users.test.ts",
  "lib/bulk/bulk-api-mode.test.ts",
  "lib/bulk/bulk-profiles.test.ts",
  "lib/bulk/runner.test.ts",
  "lib/db/immediate-transaction.test.ts",
  "lib/db/migration-state.test.ts",
  "lib/db/statement-shapes.test.ts",
  "lib/environments/store.test.ts",
  "lib/history/erasure.test.ts",
  "lib/history/export-csv.test.ts",
  "lib/history/maintenance.test.ts",
  "lib/history/queries.test.ts",
  "lib/history/reads.test.ts",
  "lib/history/record-request.test.ts",
  "lib/profiles/fold-memory.test.ts",
  "lib/profiles/keep-profile.test.ts",
  "lib/profiles/store.test.ts",
  "lib/sandbox/in-app.test.ts",
  "lib/sandbox/sqlite-store.test.ts",
  "lib/sending/forward-to-userpilot.test.ts",
  "lib/sending/history-unavailable.test.ts",
  "lib/sending/no-environment.test.ts",
  "lib/sending/resend-entry.test.ts",
  "lib/startup.test.ts",
  POSTGRES_ONLY_TESTS,
];

const merged = mergeConfig(
  base,
  defineConfig({
    test: {
      globalSetup: ["lib/testing/postgres-global-setup.ts"],
      env: {
        TEST_DATABASE_KIND: "postgres",
        // PostgreSQL mode requires a shared secret (lib/env.ts).
        APP_SECRET: "postgres-test-secret-of-at-least-32-chars",
      },
    },
  }),
);

// mergeConfig adds arrays together (the base run's include and its exclusion of the PostgreSQL-only tests):
// this run's lists are set here.
const config = { ...merged, test: { ...merged.test, include: POSTGRES_TEST_FILES, exclude: configDefaults.exclude } };
export default config;
