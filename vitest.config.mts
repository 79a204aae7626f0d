import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

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
    // Tests of PostgreSQL itself: only the PostgreSQL run has a server (vitest.postgres.config.mts).
    exclude: [...configDefaults.exclude, "lib/db/postgres*.test.ts"],
    environment: "node",
  },
});
