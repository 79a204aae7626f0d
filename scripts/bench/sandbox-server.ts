// The fake Userpilot for the request-path benchmark, in its own process and without a log line per request
// (lib/sandbox/standalone.ts logs each one). Prints its URL on the first line of stdout.
import { startSandboxServer } from "@/lib/sandbox/http-server";
import { createMemoryStore } from "@/lib/sandbox/memory-store";

async function main(): Promise<void> {
  const server = await startSandboxServer({
    port: 0,
    host: "127.0.0.1",
    apiKey: process.env.SANDBOX_API_KEY ?? "sandbox",
    // High enough that 429 never answers during the benchmark.
    rateLimitPerMinute: 1_000_000_000,
    jobStepMs: 1000,
    store: createMemoryStore(),
  });
  console.log(server.url);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
