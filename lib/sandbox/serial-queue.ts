export type SerialQueue = { run<T>(task: () => Promise<T>): Promise<T> };

/**
 * Runs tasks one after another. Profile updates are read-merge-write over an async store, so two
 * concurrent identifies of the same user would otherwise lose one of the merges.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
