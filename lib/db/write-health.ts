import "server-only";

// SQLite's result codes for a database that can't take a write: full (disk or max_page_count), read-only,
// locked past the busy timeout, or an I/O error. Anything else is a bug, not the storage.
const STORAGE_FAILURES: Record<string, string> = {
  SQLITE_FULL: "the database is full",
  SQLITE_READONLY: "the database is read-only",
  SQLITE_BUSY: "the database is locked by another process",
  SQLITE_LOCKED: "the database is locked",
  SQLITE_IOERR: "the database's disk could not be written",
  SQLITE_CANTOPEN: "the database file can't be opened",
};

// PostgreSQL's SQLSTATEs (and the driver's socket errors) for the same failures.
const POSTGRES_FAILURES: Record<string, string> = {
  "53100": "the database is full",
  "25006": "the database is read-only",
  "55P03": "the database is locked",
  "57P01": "the database server is shutting down",
  "57P03": "the database server is not accepting connections",
  "08000": "the database server can't be reached",
  "08001": "the database server can't be reached",
  "08003": "the database server can't be reached",
  "08006": "the database server can't be reached",
  ECONNREFUSED: "the database server can't be reached",
  ECONNRESET: "the database server can't be reached",
  ETIMEDOUT: "the database server can't be reached",
};

/** Why a write failed, in words, when the storage is the cause; undefined for any other error. */
export function storageFailure(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  // Extended codes add a suffix: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, SQLITE_BUSY_TIMEOUT...
  const base = Object.keys(STORAGE_FAILURES).find((name) => code === name || code.startsWith(`${name}_`));
  return base === undefined ? POSTGRES_FAILURES[code] : STORAGE_FAILURES[base];
}

// The last history write's verdict, for /api/health: a database that answers reads but refuses writes is
// not healthy. On globalThis: route handlers and pages are separate bundles.
const holder = globalThis as typeof globalThis & { __identifyConsoleWriteFailure?: string | null };

export function noteWriteSucceeded(): void {
  holder.__identifyConsoleWriteFailure = null;
}

export function noteWriteFailed(reason: string): void {
  holder.__identifyConsoleWriteFailure = reason;
}

/** Why the last history write failed, or null when it succeeded (or none was tried yet). */
export function lastWriteFailure(): string | null {
  return holder.__identifyConsoleWriteFailure ?? null;
}
