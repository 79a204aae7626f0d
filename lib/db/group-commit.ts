// Group commit: writes wait for the end of the event loop's turn (setImmediate) and go together, with any that
// arrive while a group is written. Under load many sends' answers come in one turn and share one transaction,
// so the begin, the commit and the statements a group can share are paid once (docs/performance.md). A write
// can't gather others any other way on SQLite: better-sqlite3 is synchronous, so a write started at once
// would always finish before the next answer is read.

type Waiting<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

export type GroupWriter<T> = {
  /** Writes several together; if it throws, each is written alone with `one`, so a bad one fails only its caller. */
  all: (items: T[]) => Promise<void>;
  one: (item: T) => Promise<void>;
};

/** A group never grows past this: a long queue is written in several transactions, none held too long. */
const MAX_GROUP = 64;

export class GroupCommit<T> {
  readonly #waiting: Waiting<T>[] = [];
  #writing = false;

  constructor(private readonly writer: GroupWriter<T>) {}

  /** Settles when this item is written (or its own write failed). */
  write(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (this.#writing) return;
      this.#writing = true;
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, MAX_GROUP);
        if (group.length > 1 && (await settled(() => this.writer.all(group.map((entry) => entry.item)))) === undefined) {
          for (const entry of group) entry.resolve();
          continue;
        }
        for (const entry of group) {
          const error = await settled(() => this.writer.one(entry.item));
          if (error === undefined) entry.resolve();
          else entry.reject(error.cause);
        }
      }
    } finally {
      this.#writing = false;
    }
  }
}

/** Undefined when the write succeeded, else its error (wrapped: a thrown undefined is still a failure). */
async function settled(write: () => Promise<void>): Promise<{ cause: unknown } | undefined> {
  try {
    await write();
    return undefined;
  } catch (cause) {
    return { cause };
  }
}
