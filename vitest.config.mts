import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// Tests of what only PostgreSQL does (several servers on one database) run in vitest.postgres.config.mts only.
export const POSTGRES_ONLY_TESTS = "**/*.postgres.test.ts";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The real "server-only" throws outside a React Server environment; unit tests run plain Node.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: [...configDefaults.exclude, POSTGRES_ONLY_TESTS],
    environment: "node",
  },
});
