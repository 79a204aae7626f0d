// Test helper: drives bulk jobs through the service and the runner against a test sandbox, and reads what
// they stored.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { resetSandbox, startTestSandbox } from "@/lib/testing/sandbox-control";
import type { JobProgress } from "../job-views";
import type { BulkJobPlan } from "../plan";

/**
 * A temp database, and a test sandbox the app's sandbox environment sends to (reset before each test);
 * the runner is stopped at the end. Returns the sandbox's URL, once it runs.
 */
export function withBulkSandbox(name: string, apiKey: string, settings: Record<string, string>): () => string {
  let sandbox: SandboxServer | undefined;
  withTempAppDatabase(name);
  beforeAll(async () => {
    sandbox = await startTestSandbox(apiKey, 50);
    Object.assign(process.env, { ...settings, USERPILOT_API_URL: sandbox.url, SANDBOX_API_KEY: apiKey });
    delete process.env.USERPILOT_API_KEY;
  });
  afterAll(async () => {
    const { stopBulkRunner } = await import("../runner");
    await stopBulkRunner();
    await sandbox?.close();
  });
  beforeEach(async () => {
    await resetSandbox(sandboxUrl());
  });
  function sandboxUrl(): string {
    if (!sandbox) throw new Error("The sandbox is not running yet");
    return sandbox.url;
  }
  return sandboxUrl;
}

export const testActor = { id: "o1", email: "operator@example.com", name: "Operator", role: "operator" } as const;

type PlanRows =
  | { kind: "users"; rows: Extract<BulkJobPlan, { kind: "users" }>["rows"][number]["values"][] }
  | { kind: "companies"; rows: Extract<BulkJobPlan, { kind: "companies" }>["rows"][number]["values"][] };

/** A plan as the /bulk page builds it, for the sandbox environment: lines from 2, no cells kept, nothing skipped. */
export function testPlan(mode: BulkJobPlan["mode"], { kind, rows }: PlanRows): BulkJobPlan {
  const common = {
    version: 1 as const,
    environmentId: "sandbox",
    mode,
    source: { name: "test.csv", headers: ["id"], delimiter: "," as const },
    skipped: [],
  };
  const lines = <V>(values: V[]) => values.map((value, index) => ({ line: index + 2, cells: [], values: value }));
  return kind === "users" ? { ...common, kind, rows: lines(rows) } : { ...common, kind, rows: lines(rows) };
}

/** Starts the runner (once) and a job from the plan, as the route would. */
export async function startPlan(plan: BulkJobPlan): Promise<JobProgress> {
  const { startJob } = await import("../jobs-service");
  const { startBulkRunner } = await import("../runner");
  await startBulkRunner();
  return startJob(plan, testActor);
}

export async function progressOf(id: string): Promise<JobProgress> {
  const { jobProgress } = await import("../jobs-service");
  const job = await jobProgress(id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
}

/** Reads until `done` holds (calling `seen` with every value read), or throws with the last value. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 15_000, seen = (_value: T) => undefined as void } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    seen(value);
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const finished = (job: JobProgress) => job.state !== "running";

export async function storedRows(jobId: string) {
  const { db } = await import("@/lib/db/client");
  return (await db()).selectFrom("bulk_job_rows").selectAll().where("job_id", "=", jobId).orderBy("idx").execute();
}

export async function historyRows(jobId: string) {
  const { db } = await import("@/lib/db/client");
  return (await db()).selectFrom("requests").selectAll().where("job_id", "=", jobId).orderBy("created_at").execute();
}
