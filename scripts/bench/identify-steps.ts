// npm run bench:steps – what one POST /api/identify spends in each of its steps, in-process (no Next.js
// server): explains where the route's time over a bare forward goes (docs/performance.md).
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { markdownTable, ms, summarize } from "./stats";

const ITERATIONS = Number(process.env.BENCH_STEPS_ITERATIONS ?? 1000);
const WARMUP = 100;
const UPSTREAM_KEY = "bench-steps-key";
const ADMIN = { email: "bench-steps@example.com", password: "bench-steps-password" };
const WATCHDOG_MS = 5 * 60_000;

const FORM = {
  userId: "bench_user_001",
  properties: [
    { name: "plan", type: "string", value: "pro" },
    { name: "seats", type: "numeric", value: "3" },
    { name: "trial_ends", type: "date", value: "2025-03-01" },
    { name: "role", type: "string", value: "admin" },
  ],
  companyId: "bench_company_01",
  companyProperties: [{ name: "tier", type: "string", value: "gold" }],
};

type Step = { name: string; run: () => Promise<unknown> };

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error("steps bench: gave up");
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  // Plain Node, not the react-server condition (next/navigation needs the full React): so stand in for the
  // "server-only" marker the way vitest.config.mts does.
  const requireHere = createRequire(path.join(process.cwd(), "package.json"));
  const marker = requireHere.resolve("server-only");
  requireHere.cache[marker] = { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-steps-"));
  const { startSandboxServer } = await import("@/lib/sandbox/http-server");
  const { createMemoryStore } = await import("@/lib/sandbox/memory-store");
  const upstream = await startSandboxServer({
    port: 0,
    host: "127.0.0.1",
    apiKey: UPSTREAM_KEY,
    rateLimitPerMinute: 1_000_000_000,
    jobStepMs: 1000,
    store: createMemoryStore(),
  });
  try {
    // lib/env.ts reads the environment once, on first use: set it before any app module runs.
    for (const name of ["USERPILOT_API_KEY", "USERPILOT_REGION", "APP_URL", "SANDBOX"])
      delete process.env[name];
    Object.assign(process.env, {
      USERPILOT_API_URL: upstream.url,
      SANDBOX_API_KEY: UPSTREAM_KEY,
      DATABASE_URL: `file:${path.join(temp, "steps.db")}`,
      APP_SECRET: "bench-steps-secret-0123456789abcdefghijklmnop",
      PORT: "3999",
      // Each step's own cost, not Userpilot's limit: the pace takes and gives back turns but never waits.
      UPSTREAM_RATE_PER_MINUTE: "100000000",
    });
    const { db } = await import("@/lib/db/client");
    const { auth } = await import("@/lib/auth/auth");
    const { currentActor } = await import("@/lib/auth/session");
    const { resolveEnvironment } = await import("@/lib/environments/store");
    const { recordOutcome, recordRequest } = await import("@/lib/history/record-request");
    const { identifyFormSchema } = await import("@/lib/identify/schema");
    const { buildIdentifyPayload } = await import("@/lib/identify/payload");
    const { postJson } = await import("@/lib/userpilot/client");
    const { USERPILOT_PATHS } = await import("@/lib/userpilot/protocol");
    const { parseBody } = await import("@/lib/http/parse-body");
    const { identifySendEnvelopeSchema } = await import("@/lib/identify/send-request");
    const { sendFromForm } = await import("@/lib/sending/send-service");
    const { POST } = await import("@/app/api/identify/route");

    await db();
    await auth().api.createUser({ body: { ...ADMIN, name: "Bench", role: "admin" } });
    const signIn = await auth().api.signInEmail({ body: ADMIN, asResponse: true });
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0]!)
      .join("; ");
    const headers = new Headers({ cookie });
    const actor = await currentActor(headers);
    if (!actor) throw new Error("could not sign in in-process");
    const environment = await resolveEnvironment(null);
    if (typeof environment !== "object") throw new Error("no default environment with a readable key");
    const values = identifyFormSchema.parse(FORM);
    const payload = buildIdentifyPayload(values);
    const body = JSON.stringify({ environmentId: null, replayOf: null, values: FORM });
    const context = { environment: environment.summary, sentBy: actor.email, source: "form" as const, replayOf: null };
    const policy = { timeoutMs: 10_000, maxRetries: 0, retryBaseMs: 1000 };
    const { id: pendingId } = await recordRequest(values, context);
    const request = () =>
      new Request("http://127.0.0.1:3999/api/identify", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body,
      });

    const steps: Step[] = [
      { name: "session: currentActor (better-auth getSession)", run: () => currentActor(headers) },
      { name: "resolveEnvironment (default)", run: () => resolveEnvironment(null) },
      { name: "validate: identifyFormSchema.safeParse", run: async () => identifyFormSchema.safeParse(FORM) },
      { name: "history: recordRequest (derive, mask, insert)", run: () => recordRequest(values, context) },
      {
        name: "upstream: postJson (fetch to the fake upstream)",
        run: () => postJson(environment, USERPILOT_PATHS.identifyUser, payload, policy),
      },
      {
        name: "history: recordOutcome",
        run: () =>
          recordOutcome(pendingId, values, {
            status: "202",
            statusCode: 202,
            responseBody: "",
            upstreamRequestId: null,
            latencyMs: 1,
            attempts: [],
            errorMessage: null,
          }),
      },
      {
        name: "= parseBody + sendFromForm (all but the guard)",
        run: async () => sendFromForm(await parseBody(request(), identifySendEnvelopeSchema), actor.email),
      },
      { name: "= POST route handler (guard + handler)", run: () => POST(request(), undefined as never) },
      {
        name: "(one Kysely query: select 1 row by primary key)",
        run: () =>
          db().then((d) => d.selectFrom("requests").select("id").where("id", "=", pendingId).execute()),
      },
    ];

    const rows: string[][] = [];
    for (const step of steps) {
      for (let i = 0; i < WARMUP; i++) await step.run();
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const started = performance.now();
        await step.run();
        samples.push(performance.now() - started);
      }
      const summary = summarize(samples);
      rows.push([step.name, ms(summary.p50, 3), ms(summary.mean, 3), ms(summary.p95, 3)]);
      console.log(`  ${step.name.padEnd(52)} p50 ${ms(summary.p50, 3)} ms`);
    }
    console.log(`\n${markdownTable(["step (in-process, sequential)", "p50 ms", "mean ms", "p95 ms"], rows)}`);
  } finally {
    await upstream.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
