// @ts-check
// lib/auth with its static (module-level) mutants, which `--ignoreStatic` would skip: Stryker re-runs every
// test of the runner's config for each of them, so the runner gets vitest.auth-static.config.mts, only the
// tests that load a module under MUTATION_SCOPE (default lib/auth/). See docs/testing.md.
import base from "./stryker.config.mjs";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  ...base,
  vitest: { configFile: "vitest.auth-static.config.mts" },
  mutate: ["lib/auth/**/*.ts", "!lib/auth/**/*.test.ts", "!lib/auth/testing/**"],
  ignoreStatic: false,
};
export default config;
