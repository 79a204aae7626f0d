import "server-only";

// Userpilot runs one bulk job per account at a time (a second gets 409): the console runs its own bulk
// jobs one after another per environment, in the order they asked, instead of racing for Userpilot's slot.

type Turn = { jobId: string; done: Promise<void> };

const holder = globalThis as typeof globalThis & { __identifyConsoleBulkTurns?: Map<string, Turn[]> };

function turns(): Map<string, Turn[]> {
  holder.__identifyConsoleBulkTurns ??= new Map();
  return holder.__identifyConsoleBulkTurns;
}

/**
 * Runs `work` once every earlier bulk job of the environment has finished its turn; `onWait` hears which job
 * it waits behind (once per job ahead).
 */
export async function inEnvironmentTurn<T>(
  environmentId: string,
  jobId: string,
  onWait: (aheadJobId: string) => Promise<void>,
  work: () => Promise<T>,
): Promise<T> {
  const queue = turns().get(environmentId) ?? [];
  turns().set(environmentId, queue);
  let release = () => undefined as void;
  const turn: Turn = { jobId, done: new Promise<void>((resolve) => (release = resolve)) };
  const ahead = [...queue];
  queue.push(turn);
  try {
    for (const earlier of ahead) {
      await onWait(earlier.jobId);
      await earlier.done;
    }
    return await work();
  } finally {
    queue.splice(queue.indexOf(turn), 1);
    if (queue.length === 0) turns().delete(environmentId);
    release();
  }
}
