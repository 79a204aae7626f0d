import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openFreshDatabase } from "@/lib/testing/test-database";
import type { Database, RequestsTable } from "@/lib/db/schema";
import { historyCsvStream } from "./export-csv";
import { historyFiltersSchema, type HistoryFiltersInput } from "./filters";
import { requestRow as completeRow } from "./testing/request-row";

// The export runs against a real SQLite file with the real migrations, and the stream is read to its end.

const BASE = Date.UTC(2025, 0, 1);
const HEADER =
  "id,created_at,environment,sent_by,source,replay_of,user_id,company_id,property_count,status,upstream_request_id,latency_ms,request_body";

let tempDir: string;
let db: Kysely<Database>;
let fileCounter = 0;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "history-export-test-"));
});

beforeEach(async () => {
  db = await openFreshDatabase(tempDir, `export-${++fileCounter}.db`);
});

afterEach(async () => {
  await db.destroy();
});

afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

function requestRow(overrides: Partial<RequestsTable> & Pick<RequestsTable, "id">): RequestsTable {
  return completeRow({ created_at: BASE, latency_ms: null, ...overrides });
}

async function insertRows(rows: RequestsTable[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += 1000) {
      await trx.insertInto("requests").values(rows.slice(start, start + 1000)).execute();
    }
  });
}

async function exportText(input: HistoryFiltersInput = {}): Promise<string> {
  return new Response(historyCsvStream(db, historyFiltersSchema.parse(input))).text();
}

/** RFC 4180: fields split on commas, quoted fields may hold commas, newlines and doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || record.length > 0) throw new Error("The CSV does not end with a line break");
  return records;
}

describe("historyCsvStream", () => {
  it("writes the header and one line per row, every column in order", async () => {
    await insertRows([
      requestRow({
        id: "row-full",
        created_at: BASE + 5_000,
        environment: "Production · EU",
        sent_by: "ada@example.com",
        source: "replay",
        replay_of: "row-empty",
        user_id: "user_042",
        company_id: "acme",
        property_count: 3,
        status: "400",
        outcome: "bad_request",
        upstream_request_id: "req_9",
        latency_ms: 87,
        request_body: '{"user_id":"user_042","metadata":{"plan":"pro, \\"gold\\""}}',
      }),
      requestRow({ id: "row-empty", created_at: BASE, request_body: "null" }),
    ]);
    const text = await exportText();
    const [header, ...records] = parseCsv(text);
    expect(header?.join(",")).toBe(HEADER);
    expect(records).toEqual([
      [
        "row-full",
        new Date(BASE + 5_000).toISOString(),
        "Production · EU",
        "ada@example.com",
        "replay",
        "row-empty",
        "user_042",
        "acme",
        "3",
        "400",
        "req_9",
        "87",
        '{"user_id":"user_042","metadata":{"plan":"pro, \\"gold\\""}}',
      ],
      ["row-empty", new Date(BASE).toISOString(), "Sandbox", "", "form", "", "user_001", "", "1", "202", "", "", "null"],
    ]);
  });

  it("an empty history is the header alone", async () => {
    expect(await exportText()).toBe(`${HEADER}\n`);
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    await insertRows([
      requestRow({ id: "formula", user_id: '=HYPERLINK("https://evil.example","x")', company_id: "+1", sent_by: "@sum" }),
    ]);
    const [, record] = parseCsv(await exportText());
    expect(record?.[0]).toBe("formula");
    expect(record?.[6]).toBe(`'=HYPERLINK("https://evil.example","x")`);
    expect(record?.[7]).toBe("'+1");
    expect(record?.[3]).toBe("'@sum");
  });

  it("walks every batch of a history over 1000 rows, newest first, each row once", async () => {
    const count = 1_002;
    const rows = Array.from({ length: count }, (_, i) =>
      requestRow({ id: `r${String(i).padStart(5, "0")}`, created_at: BASE + i, request_body: `{"n":${i}}` }),
    );
    await insertRows(rows);
    const [header, ...records] = parseCsv(await exportText());
    expect(header?.[0]).toBe("id");
    expect(records.map((record) => record[0])).toEqual(rows.map((row) => row.id).reverse());
    // Each row keeps its own body across the batches.
    expect(records.at(0)?.[12]).toBe(`{"n":${count - 1}}`);
    expect(records.at(-1)?.[12]).toBe('{"n":0}');
    expect(records[1000]?.[12]).toBe(`{"n":${count - 1001}}`);
  });

  it("exports only the rows the filters select", async () => {
    await insertRows([
      requestRow({ id: "a", user_id: "alice", created_at: BASE }),
      requestRow({ id: "b", user_id: "bob", created_at: BASE + 1 }),
      requestRow({ id: "c", user_id: "alice", created_at: BASE + 2, status: "500", outcome: "server_error" }),
    ]);
    const ids = async (input: HistoryFiltersInput) => parseCsv(await exportText(input)).slice(1).map((r) => r[0]);
    expect(await ids({ user: "alice" })).toEqual(["c", "a"]);
    expect(await ids({ outcome: "server_error" })).toEqual(["c"]);
  });
});
