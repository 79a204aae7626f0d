// The store tests again, on PostgreSQL: `TEST_DATABASE_URL=postgres://... vitest run -c vitest.postgres.config.mts`
// (npm test runs it when that server answers). Every test file here gets its databases from
// lib/testing/test-database.ts, which makes them on that server; tests of SQLite's own files stay out.
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base, { POSTGRES_ONLY_TESTS } from "./vitest.config.mts";

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
  "lib/bulk/**/*.test.ts",
  "lib/db/migration-state.test.ts",
  "lib/db/postgres*.test.ts",
  "lib/environments/store.test.ts",
  "lib/history/**/*.test.ts",
  "lib/profiles/**/*.test.ts",
  "lib/sandbox/sqlite-store.test.ts",
  "lib/sending/**/*.test.ts",
  "lib/userpilot/**/*.test.ts",
  POSTGRES_ONLY_TESTS,
];

const merged = mergeConfig(
  base,
  defineConfig({
    test: {
      include: POSTGRES_TEST_FILES,
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
