// The sandbox as its own server: `npm run sandbox` (tsx lib/sandbox/standalone.ts).
import { startSandboxServer } from "./http-server";
import { createMemoryStore } from "./memory-store";
import { parseSandboxEnv } from "./standalone-env";

async function main(): Promise<void> {
  const config = parseSandboxEnv(process.env);
  const server = await startSandboxServer({
    ...config,
    store: createMemoryStore(),
    log: (line) => console.log(line),
  });
  console.log(`Sandbox listening on ${server.url}${config.testMode ? " (test mode)" : ""}`);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`Sandbox received ${signal}, shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
