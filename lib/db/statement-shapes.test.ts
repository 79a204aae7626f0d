import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFreshDatabase } from "@/lib/testing/test-database";
import type { Database } from "./schema";
import { rowValues, StatementShapes } from "./statement-shapes";

let dir: string;
let database: Kysely<Database>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "statement-shapes-"));
  database = await openFreshDatabase(dir);
});

afterAll(async () => {
  await database.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Setting = { name: string; value: string };

/** An insert of settings through `shapes`, counting how often Kysely is asked to build it. */
function settingsInsert(shapes: StatementShapes) {
  const built = { count: 0 };
  const insert = (rows: Setting[], values: unknown[] = rowValues(rows)) =>
    database.executeQuery(
      shapes.compiled(database, rows.length, values, () => {
        built.count += 1;
        return database.insertInto("settings").values(rows);
      }),
    );
  return { insert, built };
}

const settings = async (prefix: string) =>
  (
    await database
      .selectFrom("settings")
      .selectAll()
      .where("name", "like", `${prefix}%`)
      .orderBy("name")
      .execute()
  ).map((row) => `${row.name}=${row.value}`);

/** Two inserts of `count` settings named `prefix`NNN: how often Kysely built the statement, how many rows landed. */
async function insertTwice(prefix: string, count: number) {
  const { insert, built } = settingsInsert(new StatementShapes("test insert"));
  const rows = (from: number) =>
    Array.from({ length: count }, (_, i) => ({
      name: `${prefix}${String(from + i).padStart(3, "0")}`,
      value: "x",
    }));
  await insert(rows(0));
  await insert(rows(100));
  return { builds: built.count, stored: (await settings(prefix)).length };
}

describe("StatementShapes", () => {
  it("has Kysely write a shape's SQL once, and runs each later call with its own values", async () => {
    const { insert, built } = settingsInsert(new StatementShapes("test insert"));
    await insert([{ name: "a1", value: "one" }]);
    await insert([{ name: "a2", value: "two" }]);
    expect(built.count).toBe(1);
    expect(await settings("a")).toEqual(["a1=one", "a2=two"]);
  });

  it("takes another row count for another shape", async () => {
    const { insert, built } = settingsInsert(new StatementShapes("test insert"));
    await insert([{ name: "b1", value: "one" }]);
    await insert([
      { name: "b2", value: "two" },
      { name: "b3", value: "three" },
    ]);
    await insert([
      { name: "b4", value: "four" },
      { name: "b5", value: "five" },
    ]);
    expect(built.count).toBe(2);
    expect(await settings("b")).toEqual(["b1=one", "b2=two", "b3=three", "b4=four", "b5=five"]);
  });

  it("refuses values in another order than the statement binds them, naming the statement", async () => {
    const { insert } = settingsInsert(new StatementShapes("the test's insert"));
    const rows = [{ name: "c1", value: "one" }];
    expect(() => insert(rows, ["one", "c1"])).toThrow(
      "the test's insert: the values are not in the order the statement binds them",
    );
    expect(await settings("c")).toEqual([]);
  });

  it("refuses values with one more than the statement binds", async () => {
    const { insert } = settingsInsert(new StatementShapes("the test's insert"));
    const rows = [{ name: "e1", value: "one" }];
    expect(() => insert(rows, ["e1", "one", "extra"])).toThrow(
      "the test's insert: the values are not in the order the statement binds them",
    );
    expect(await settings("e")).toEqual([]);
  });

  it("refuses rows whose columns come in another order, which would write each into the other", async () => {
    const { insert } = settingsInsert(new StatementShapes("the test's insert"));
    const rows = [
      { name: "h1", value: "one" },
      { value: "two", name: "h2" },
    ];
    expect(() => insert(rows)).toThrow(
      "the test's insert: the values are not in the order the statement binds them",
    );
    expect(await settings("h")).toEqual([]);
  });

  it("keeps a statement of 64 rows, the most a kept shape holds", async () => {
    expect(await insertTwice("f", 64)).toEqual({ builds: 1, stored: 128 });
  });

  it("keeps one shape per dialect", () => {
    // Compiling needs no connection: neither database is ever reached (so this runs alike in both test runs).
    const notConnected = () => Promise.reject(new Error("not connected"));
    const sqlite = new Kysely<Database>({ dialect: new SqliteDialect({ database: notConnected }) });
    const postgres = new Kysely<Database>({ dialect: new PostgresDialect({ pool: notConnected }) });
    const shapes = new StatementShapes("test insert");
    const row = { name: "g1", value: "one" };
    const compiled = (executor: Kysely<Database>) =>
      shapes.compiled(executor, 1, rowValues([row]), () => executor.insertInto("settings").values(row)).sql;
    expect(compiled(sqlite)).toContain("?");
    expect(compiled(postgres)).toContain("$1");
    expect(compiled(sqlite)).not.toContain("$1");
  });

  it("builds a statement of more rows than a kept shape holds each time", async () => {
    expect(await insertTwice("d", 65)).toEqual({ builds: 2, stored: 130 });
  });
});

describe("rowValues", () => {
  it("lists each row's values in key order, row after row", () => {
    expect(
      rowValues([
        { a: 1, b: null },
        { a: 2, b: "x" },
      ]),
    ).toEqual([1, null, 2, "x"]);
  });

  it("refuses a row with an undefined column (Kysely would leave the column out)", () => {
    expect(() => rowValues([{ a: 1, b: undefined }])).toThrow("undefined column");
  });
});
