import "server-only";
import { CompiledQuery, type Compilable } from "kysely";
import { isPostgres } from "./dialect";

// Kysely builds and compiles a query anew on every call. For the statements every send runs (its history
// row, its outcome, its known profile) that building cost a send more CPU than SQLite running them
// (docs/performance.md). Here Kysely still writes each statement's SQL, once per shape (which statement,
// on which dialect, for how many rows), and later calls of that shape run the same SQL with their values.

type Executor = Parameters<typeof isPostgres>[0];

/** Statements of more rows than this are rare (bulk chunks) and built each time, so few shapes are ever kept. */
const MAX_SHAPE_ROWS = 64;

/** The values of rows in the order Kysely binds them: each row's columns in key order, row after row. */
export function rowValues(rows: readonly object[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) {
    for (const value of Object.values(row)) {
      // Kysely leaves an undefined column out of the statement; these rows never have one.
      if (value === undefined) throw new Error("A row for a shaped statement has an undefined column");
      values.push(value);
    }
  }
  return values;
}

/**
 * One statement site's SQL, per shape. `values` are the statement's bound values in Kysely's order; the first
 * compile of a shape checks them against Kysely's own, so a statement whose values don't line up fails at
 * once instead of writing columns into each other.
 */
export class StatementShapes {
  readonly #sql = new Map<string, string>();

  constructor(private readonly name: string) {}

  compiled(
    executor: Executor,
    rows: number,
    values: unknown[],
    build: () => Compilable<unknown>,
  ): CompiledQuery {
    if (rows > MAX_SHAPE_ROWS) return build().compile();
    const shape = `${isPostgres(executor) ? "postgres" : "sqlite"}:${rows}`;
    let sql = this.#sql.get(shape);
    if (sql === undefined) {
      const query = build().compile();
      if (!sameValues(query.parameters, values)) {
        throw new Error(`${this.name}: the values are not in the order the statement binds them`);
      }
      sql = query.sql;
      this.#sql.set(shape, sql);
    }
    return CompiledQuery.raw(sql, values);
  }
}

function sameValues(bound: readonly unknown[], values: readonly unknown[]): boolean {
  return bound.length === values.length && bound.every((value, index) => Object.is(value, values[index]));
}
