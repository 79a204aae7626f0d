import type { Reporter, RunnerTestCase, Vitest } from "vitest/node";

/**
 * Turns a test file that fails to load into one failed test. Stryker's vitest runner (9.6, and 10.0:
 * stryker-js issue #6150) builds a mutant's result from the tests it collected, so a static mutant that makes
 * a module throw on import, which fails every test file importing it, would count as survived.
 */
export class UnloadableTestFileReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd() {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== "fail" || file.tasks.length > 0) continue;
      const name = "loads";
      const test: Omit<RunnerTestCase, "context"> = {
        type: "test",
        id: `${file.id}_load`,
        name,
        fullName: `${file.fullName} > ${name}`,
        fullTestName: name,
        mode: "run",
        file,
        suite: file,
        timeout: 0,
        annotations: [],
        artifacts: [],
        meta: {},
        result: { state: "fail", errors: file.result.errors },
      };
      // vitest builds a test's context itself; nothing reads it after the run.
      file.tasks.push(test as RunnerTestCase);
    }
  }
}
