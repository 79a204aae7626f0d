// npm run profiles:rebuild – rebuilds the known profiles and the type registry from the history (the
// database DATABASE_URL names), e.g. after a live update failed or the tables were lost.
import { db } from "@/lib/db/client";
import { rebuildProfiles } from "@/lib/profiles/rebuild";

async function main(): Promise<void> {
  const started = performance.now();
  const database = await db();
  const { sends } = await rebuildProfiles(database);
  await database.destroy();
  const took = Math.round(performance.now() - started);
  console.log(`Rebuilt the known profiles from ${sends.toLocaleString("en-US")} accepted sends in ${took} ms.`);
}

main().catch((error: unknown) => {
  console.error(`The rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
