// Run by playwright.config.ts's webServer command on PostgreSQL runs, before the shared app starts: its
// database made anew, as the SQLite run removes its file.
import { freshDatabase } from "./database";
import { E2E } from "./settings";

freshDatabase(E2E.databaseFile).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
