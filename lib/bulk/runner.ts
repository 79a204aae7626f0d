import "server-only";
import { env } from "@/lib/env";
import { KEY_UNREADABLE, resolveEnvironment, type ResolvedEnvironment } from "@/lib/environments/store";
import { redactFormValues } from "@/lib/history/redact";
import { HistoryUnavailableError } from "@/lib/history/store";
import type { SendOutcome } from "@/lib/outcome/schema";
import { forwardToUserpilot } from "@/lib/sending/forward-to-userpilot";
import { upstreamPace } from "@/lib/userpilot/pace";
import { claimRunningJobs, releaseLease, renewLeases } from "./job-lease";
import {
  interruptedRows,
  jobState,
  latestAttempt,
  markDone,
  markPending,
  markSending,
  modeOf,
  nextPendingRows,
  setJobState,
  type JobRow,
  type RowValues,
  type StoredRow,
} from "./job-store";
import { runBulkApiJob } from "./bulk-api-mode";
import { sendIdentifyCompany } from "./send-company";

// One runner per process: it claims running jobs (job-lease.ts: on PostgreSQL each job is run by one server
// at a time), settles what an earlier holder left in flight, sends each job's rows in file order (a few in
// flight at once, never two of one user or company, so later rows still win), checks the job's state before
// each row so Pause and Cancel take effect before the next one, and leaves no row half-done.

const IN_FLIGHT = 4;
const BATCH = 200;
const IDLE_POLL_MS = 1000;
const RATE_WINDOW_MS = 60_000;

type Runner = {
  active: Map<string, Promise<void>>;
  /** Jobs whose lease another server took over (this one stalled past it): they stop here at once. */
  lost: Set<string>;
  finishedAt: Map<string, number[]>;
  wake: () => void;
  stopped: boolean;
  leaseMs: number;
};

const holder = globalThis as typeof globalThis & { __identifyConsoleBulkRunner?: Runner };

/** Rows a minute a job finished over the last minute (this process's view). */
export function jobRate(jobId: string, now = Date.now()): number {
  const times = holder.__identifyConsoleBulkRunner?.finishedAt.get(jobId) ?? [];
  const recent = times.filter((at) => at > now - RATE_WINDOW_MS);
  if (recent.length < 2) return recent.length;
  const spanMs = Math.max(now - recent[0]!, 1000);
  return Math.round((recent.length / spanMs) * 60_000);
}

/** Nudges the runner to look for running jobs now (a job was created or resumed). */
export function wakeBulkRunner(): void {
  holder.__identifyConsoleBulkRunner?.wake();
}

/** At start: keep claiming and running jobs, and renew the leases of those running here. */
export async function startBulkRunner(): Promise<void> {
  if (holder.__identifyConsoleBulkRunner) return;
  const runner: Runner = {
    active: new Map(),
    lost: new Set(),
    finishedAt: new Map(),
    wake: () => undefined,
    stopped: false,
    leaseMs: env().BULK_LEASE_MS,
  };
  holder.__identifyConsoleBulkRunner = runner;
  void loop(runner);
  void renewLoop(runner);
}

/** Renews the leases of the jobs running here a few times a lease; a job another server took stops. */
async function renewLoop(runner: Runner): Promise<void> {
  const everyMs = Math.max(100, Math.floor(runner.leaseMs / 3));
  while (!runner.stopped) {
    await new Promise((resolve) => setTimeout(resolve, everyMs).unref());
    try {
      for (const id of await renewLeases([...runner.active.keys()], runner.leaseMs)) {
        if (!runner.active.has(id)) continue;
        runner.lost.add(id);
        console.warn(`Bulk job ${id}: another server took it over (this one stalled past its lease); it stops here.`);
      }
    } catch (error) {
      console.error("Bulk runner: leases could not be renewed:", error);
    }
  }
}

/** Stops picking up jobs (tests); rows in flight finish. */
export async function stopBulkRunner(): Promise<void> {
  const runner = holder.__identifyConsoleBulkRunner;
  if (!runner) return;
  runner.stopped = true;
  runner.wake();
  await Promise.all(runner.active.values());
  delete holder.__identifyConsoleBulkRunner;
}

/**
 * A row left `sending` is sent again, unless its attempt's outcome made it to the history first: a row
 * Userpilot accepted is never sent twice. The interrupted attempt stays in the history ("outcome unknown").
 */
async function settleInterrupted(jobId: string): Promise<number> {
  let resent = 0;
  for (const { kind, row } of await interruptedRows(jobId)) {
    const attempt = await latestAttempt(jobId, kind, row);
    const code = attempt?.status_code ?? null;
    if (attempt && code !== null) {
      await markDone(jobId, row.idx, {
        state: code >= 200 && code < 300 ? "sent" : "failed",
        httpStatus: code,
        message: attempt.error_message,
        historyId: attempt.id,
        valuesJson: JSON.stringify(redactedValues(row.values)),
      });
    } else {
      await markPending(jobId, row.idx);
      resent++;
    }
  }
  return resent;
}

async function loop(runner: Runner): Promise<void> {
  while (!runner.stopped) {
    try {
      for (const job of await claimRunningJobs(new Set(runner.active.keys()), runner.leaseMs)) {
        const run = runJob(runner, job)
          .catch((error: unknown) => {
            console.error(`Bulk job ${job.id} stopped on an error:`, error);
            if (runner.lost.has(job.id)) return;
            return setJobState(job.id, "failed", "The job stopped on an unexpected error; see the server log");
          })
          .finally(async () => {
            if (!runner.lost.has(job.id)) await releaseLease(job.id).catch((error: unknown) => console.error(`Bulk job ${job.id}:`, error));
            runner.lost.delete(job.id);
            runner.active.delete(job.id);
          });
        runner.active.set(job.id, run);
      }
    } catch (error) {
      console.error("Bulk runner:", error);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, IDLE_POLL_MS);
      timer.unref();
      runner.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

async function runJob(runner: Runner, job: JobRow): Promise<void> {
  // An earlier holder (a stopped process, or a server that died) may have left rows in flight.
  const resent = await settleInterrupted(job.id);
  if (resent > 0) console.warn(`Bulk job ${job.id}: ${resent} row(s) were being sent when their server stopped; they are sent again.`);
  const environment = await resolveEnvironment(job.environment_id);
  if (!environment || environment === KEY_UNREADABLE) {
    await setJobState(
      job.id,
      "failed",
      !environment
        ? "The job's environment no longer exists"
        : "The environment's stored key can't be read; an admin must enter it again",
    );
    return;
  }
  if (modeOf(job) === "bulk") return runBulkApiJob(job, environment, { stopped: () => runner.stopped || runner.lost.has(job.id) });
  await runRealtime(runner, job, environment);
}

async function runRealtime(runner: Runner, job: JobRow, environment: ResolvedEnvironment): Promise<void> {
  const inFlight = new Map<number, { recordId: string; done: Promise<void> }>();
  let lastIdx = -1;
  let stopReason: string | null = null;
  const stillRunning = async () =>
    !runner.stopped && !runner.lost.has(job.id) && stopReason === null && (await jobState(job.id)) === "running";

  for (;;) {
    const batch = await nextPendingRows(job, lastIdx, BATCH);
    if (batch.length === 0) break;
    for (const row of batch) {
      // Room for one more, and no earlier row of the same id still going.
      while (
        inFlight.size >= IN_FLIGHT ||
        [...inFlight.values()].some((flight) => flight.recordId === row.recordId)
      ) {
        await Promise.race([...inFlight.values()].map((flight) => flight.done));
      }
      if (!(await stillRunning())) break;
      await markSending(job.id, row.idx);
      const done = sendRow(runner, job, environment, row).then(
        (reason) => {
          if (reason) stopReason = reason;
        },
        (error: unknown) => {
          stopReason = "The job stopped on an unexpected error; see the server log";
          console.error(`Bulk job ${job.id}, line ${row.line}:`, error);
        },
      ).finally(() => inFlight.delete(row.idx));
      inFlight.set(row.idx, { recordId: row.recordId, done });
      lastIdx = row.idx;
    }
    if (!(await stillRunning())) break;
  }
  await Promise.all([...inFlight.values()].map((flight) => flight.done));
  if (stopReason) {
    await setJobState(job.id, "paused", stopReason);
    return;
  }
  if (runner.stopped || runner.lost.has(job.id)) return;
  // Paused and resumed while rows were still in flight: the runner picks it up again for what is left.
  if ((await jobState(job.id)) !== "running" || (await nextPendingRows(job, -1, 1)).length > 0) return;
  await setJobState(job.id, "completed");
}

/** Sends one row and records its outcome; a reason to pause the job when nothing could be sent. */
async function sendRow(runner: Runner, job: JobRow, environment: ResolvedEnvironment, row: StoredRow): Promise<string | null> {
  const context = { source: "bulk" as const, replayOf: null, sentBy: job.started_by, environment, jobId: job.id };
  let outcome: SendOutcome;
  try {
    outcome = await send(row.values, context);
  } catch (error) {
    if (!(error instanceof HistoryUnavailableError)) throw error;
    // Nothing was sent: the row waits, and a person decides when to go on.
    await markPending(job.id, row.idx);
    return `Paused: the history can't be written (${error.reason}); nothing more was sent`;
  }
  if (outcome.httpStatus === 429) upstreamPace().rateLimited(environment.apiKey, undefined);
  const accepted = outcome.httpStatus !== null && outcome.httpStatus >= 200 && outcome.httpStatus < 300;
  await markDone(job.id, row.idx, {
    state: accepted ? "sent" : "failed",
    httpStatus: outcome.httpStatus,
    message: outcome.message,
    historyId: outcome.historyId,
    valuesJson: JSON.stringify(redactedValues(row.values)),
  });
  const times = runner.finishedAt.get(job.id) ?? [];
  const now = Date.now();
  times.push(now);
  while (times.length > 0 && times[0]! <= now - RATE_WINDOW_MS) times.shift();
  runner.finishedAt.set(job.id, times);
  return null;
}

function send(values: RowValues, context: Parameters<typeof forwardToUserpilot>[1]): Promise<SendOutcome> {
  return values.kind === "users" ? forwardToUserpilot(values.values, context) : sendIdentifyCompany(values.values, context);
}

/** A done row keeps only what the history may keep (HISTORY_REDACT_KEYS). */
export function redactedValues(values: RowValues): unknown {
  const names = env().HISTORY_REDACT_KEYS;
  if (values.kind === "users") return redactFormValues(values.values, names);
  const masked = redactFormValues({ properties: [], companyProperties: values.values.companyProperties }, names);
  return { ...values.values, companyProperties: masked.companyProperties };
}
