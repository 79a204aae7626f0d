import fs from "node:fs";
import { defineConfig } from "vitest/config";
import { testsLoading } from "./scripts/tests-loading.mts";
import { UnloadableTestFileReporter } from "./scripts/unloadable-test-file-reporter.mts";
import base from "./vitest.config.mts";

// Only the tests that load a module under MUTATION_SCOPE (default lib/auth/): a static (module-level) mutant
// makes Stryker re-run every test of the config, and no other test can fail on it.
const root = import.meta.dirname;
const scope = process.env.MUTATION_SCOPE ?? "lib/auth/";
const allTests = ["lib", "app", "components", "scripts"].flatMap((folder) =>
  fs
    .readdirSync(`${root}/${folder}`, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.test\.tsx?$/.test(file) && !file.split("/").includes("node_modules"))
    .map((file) => `${folder}/${file}`),
);
// Brackets in route folders ([id]) are glob syntax; escape them so each entry matches its one file.
const include = testsLoading(root, scope, allTests).map((file) => file.replace(/[[\]]/g, "\\$&"));

export default defineConfig({
  ...base,
  test: { ...base.test, include, reporters: ["default", new UnloadableTestFileReporter()] },
});
