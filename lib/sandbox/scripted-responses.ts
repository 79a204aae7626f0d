import { newRequestId } from "./responses";
import type { SandboxResponse } from "./types";

/** How long a `hang` answer waits before it finally answers: far past any client timeout. */
export const HANG_MS = 5 * 60_000;

export type ScriptedResponse = {
  status: number;
  body: string;
  headers: Record<string, string>;
  delayMs: number;
  hang: boolean;
};

export type ScriptedResponses = ReturnType<typeof createScriptedResponses>;

/** Answers queued by `POST /__control/respond`, handed out in order, each `times` times. */
export function createScriptedResponses() {
  const queue: { response: ScriptedResponse; remaining: number }[] = [];
  let resetSignal = new AbortController();

  return {
    enqueue(response: ScriptedResponse, times: number): void {
      queue.push({ response, remaining: times });
    },

    /** How many more requests will get a scripted answer. */
    pendingCount(): number {
      return queue.reduce((sum, entry) => sum + entry.remaining, 0);
    },

    /** Takes the next scripted answer, if any, and plays it out (delay or hang included). */
    take(): Promise<SandboxResponse> | undefined {
      const head = queue[0];
      if (!head) return undefined;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return play(head.response, resetSignal.signal);
    },

    /** Forgets queued answers and releases requests that are waiting or hanging. */
    reset(): void {
      queue.length = 0;
      resetSignal.abort();
      resetSignal = new AbortController();
    },
  };
}

async function play(scripted: ScriptedResponse, released: AbortSignal): Promise<SandboxResponse> {
  const waitMs = scripted.hang ? HANG_MS : scripted.delayMs;
  if (waitMs > 0) await pause(waitMs, released);
  const defaults: Record<string, string> = { "x-request-id": newRequestId() };
  if (scripted.body !== "") defaults["content-type"] = "application/json";
  return { status: scripted.status, headers: { ...defaults, ...scripted.headers }, body: scripted.body };
}

/** A wait that never keeps the process alive on its own and ends early when `released` aborts. */
function pause(ms: number, released: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (released.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    released.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      released.removeEventListener("abort", done);
      resolve();
    }
  });
}
