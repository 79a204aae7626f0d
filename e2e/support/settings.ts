import path from "node:path";
import { databaseUrlFor, postgresServer } from "./database";

const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const databaseFile = path.resolve("reports/e2e/identify-console.db");
// A distinctive key, so leak tests can search for it anywhere.
const apiKey = "e2e-key-5b9c1d7e4f2a";
const admin = { email: "admin@e2e.test", password: "e2e-admin-password-1" };

export const E2E = {
  appPort,
  sandboxPort,
  appUrl: `http://127.0.0.1:${appPort}`,
  sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
  databaseFile,
  /** Whether this run's databases are on PostgreSQL (E2E_DATABASE_URL) rather than SQLite files. */
  postgres: postgresServer !== undefined,
  apiKey,
  admin,
  adminStorageState: path.resolve("reports/e2e/admin-state.json"),
  appEnv: {
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(appPort),
    DATABASE_URL: databaseUrlFor(databaseFile),
    USERPILOT_API_URL: `http://127.0.0.1:${sandboxPort}`,
    SANDBOX_API_KEY: apiKey,
    USERPILOT_TIMEOUT_MS: "1500",
    USERPILOT_RETRY_BASE_MS: "50",
    USERPILOT_MAX_RETRIES: "3",
    // The shared app sends far more than 600 a minute over a whole run (fuzzing, load); the pace itself is
    // proven on servers of its own (e2e/bulk-jobs.spec.ts), with the limit scaled to seconds.
    UPSTREAM_RATE_PER_MINUTE: "100000",
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    APP_SECRET: "e2e-app-secret-0123456789abcdefghijklmnop",
    // The fake upstreams run on 127.0.0.1 (any port) over plain http.
    UPSTREAM_ALLOWED_HOSTS: "127.0.0.1",
  },
};
