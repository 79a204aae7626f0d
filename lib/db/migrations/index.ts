import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./0001_initial";

// Listed statically so the bundler sees every migration; names sort in the order they apply.
const migrations: Record<string, Migration> = {
  "0001_initial": initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
