// The test files that load (import, directly or through other modules) a module under a path prefix: the
// tests a mutant there can fail. The static-mutant runs of Stryker use it to run tens of tests per mutant,
// not the whole suite (see stryker.auth-static.config.mjs and docs/testing.md).
import fs from "node:fs";
import path from "node:path";

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", ".js", "/index.ts", "/index.tsx"];
// Static and dynamic imports and re-exports: `from "x"`, `import "x"`, `import("x")`.
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g;

function resolveImport(root: string, from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Test files (relative to root, from `testFiles`) whose import graph reaches a file whose path starts with `prefix`. */
export function testsLoading(root: string, prefix: string, testFiles: string[]): string[] {
  const imports = new Map<string, string[]>();
  const importsOf = (file: string): string[] => {
    if (!imports.has(file)) {
      const source = fs.readFileSync(file, "utf8");
      const found = [...source.matchAll(SPECIFIER)].map((match) => resolveImport(root, file, match[1] ?? ""));
      imports.set(
        file,
        found.filter((resolved) => resolved !== null),
      );
    }
    return imports.get(file) ?? [];
  };
  const isTarget = (file: string) => {
    const relative = path.relative(root, file);
    return relative.startsWith(prefix) && !/\.test\.tsx?$/.test(relative);
  };
  return testFiles.filter((testFile) => {
    const seen = new Set<string>();
    const pending = [path.resolve(root, testFile)];
    while (pending.length > 0) {
      const file = pending.pop() ?? "";
      if (seen.has(file)) continue;
      seen.add(file);
      if (isTarget(file)) return true;
      pending.push(...importsOf(file));
    }
    return false;
  });
}
