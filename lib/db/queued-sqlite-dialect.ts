import "server-only";
import {
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type SqliteDatabase,
  type TransactionSettings,
} from "kysely";

// Kysely's SQLite driver guards its one connection with a lock that wakes every waiter at each release:
// all of them race for it and all but one wait again. Under concurrent sends (a transaction holds the
// connection across several queries) that is many wake-ups per query, each a promise that Next's
// AsyncLocalStorage follows (docs/performance.md). Here the waiters queue, and each release hands the
// connection to the next one only.

/** A lock handed over in arrival order. */
export class FifoLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** Kysely's SQLite driver, holding its connection for good; callers take turns on a FifoLock instead. */
class QueuedSqliteDriver implements Driver {
  readonly #inner: SqliteDriver;
  readonly #lock = new FifoLock();
  #connection: DatabaseConnection | undefined;

  constructor(database: SqliteDatabase) {
    this.#inner = new SqliteDriver({ database });
  }

  async init(): Promise<void> {
    await this.#inner.init();
    this.#connection = await this.#inner.acquireConnection();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return this.#connection!;
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }

  beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint: Driver["savepoint"] = (...args) => this.#inner.savepoint(...args);
  rollbackToSavepoint: Driver["rollbackToSavepoint"] = (...args) => this.#inner.rollbackToSavepoint(...args);
  releaseSavepoint: Driver["releaseSavepoint"] = (...args) => this.#inner.releaseSavepoint(...args);

  async destroy(): Promise<void> {
    await this.#inner.releaseConnection();
    await this.#inner.destroy();
  }
}

/** Kysely's SqliteDialect with the queued driver. */
export function queuedSqliteDialect(database: SqliteDatabase): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new QueuedSqliteDriver(database),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
