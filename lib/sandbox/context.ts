import { createBulkJobs, type BulkJobs } from "./bulk-jobs";
import { createRateLimiter, type RateLimiter } from "./rate-limit";
import { createRequestLog, type RequestLog } from "./request-log";
import { createScriptedResponses, type ScriptedResponses } from "./scripted-responses";
import { createSerialQueue, type SerialQueue } from "./serial-queue";
import type { ProfileStore, SandboxOptions } from "./types";

/** The sandbox's state, shared by the /v1, /_sandbox and /__control handlers. */
export type SandboxContext = {
  options: SandboxOptions;
  store: ProfileStore;
  now: () => number;
  /** `now()` as ISO 8601, for `updated_at` and request records. */
  timestamp: () => string;
  /** Starts as `options.apiKey`; `POST /__control/accepted-key` changes it. */
  acceptedKey: string;
  rateLimiter: RateLimiter;
  jobs: BulkJobs;
  scripted: ScriptedResponses;
  requestLog: RequestLog;
  profileWrites: SerialQueue;
};

export function createSandboxContext(options: SandboxOptions): SandboxContext {
  const now = options.now ?? Date.now;
  return {
    options,
    store: options.store,
    now,
    timestamp: () => new Date(now()).toISOString(),
    acceptedKey: options.apiKey,
    rateLimiter: createRateLimiter({ perMinute: options.rateLimitPerMinute, now }),
    jobs: createBulkJobs({ now, stepMs: options.jobStepMs }),
    scripted: createScriptedResponses(),
    requestLog: createRequestLog(),
    profileWrites: createSerialQueue(),
  };
}
