// @ts-check
// npm run test:mutation: StrykerJS over lib/ with the vitest runner; scripts/mutation-report.mjs then writes
// the score of each folder into docs/testing.md. Not part of npm test (it takes the better part of an hour).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.mts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [
    "lib/**/*.ts",
    "!lib/**/*.test.ts",
    // Test helpers, not product code.
    "!lib/testing/**",
    // Schema only: the migrations' SQL and the table types; every database test runs the migrations, and
    // mutating them re-runs every such test per mutant (hours on two cores).
    "!lib/db/migrations/**",
    "!lib/db/schema.ts",
    "!lib/**/testing/**",
    "!lib/sandbox/sandbox-test-kit.ts",
  ],
  coverageAnalysis: "perTest",
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  tempDirName: "reports/mutation/.stryker-tmp",
  incremental: process.env.STRYKER_INCREMENTAL === "1",
  incrementalFile: "reports/mutation/stryker-incremental.json",
  cleanTempDir: "always",
};
export default config;
