import "server-only";
import type { Kysely } from "kysely";
import { db } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import type { HistoryDetail, HistoryPageResponse } from "./api-types";
import { historyCsvStream } from "./export-csv";
import type { HistoryFilters, HistoryPageQuery } from "./filters";
import { presentDetail, presentListItem } from "./present";
import { getRequest, listHistory, listReplays } from "./queries";

// What the history's pages and routes read, on the app's database (or the one a test hands in).

/** One page of the history as the list shows it, newest first. */
export async function loadHistoryPage(
  { cursor, limit, ...filters }: HistoryPageQuery,
  database?: Kysely<Database>,
): Promise<HistoryPageResponse> {
  const page = await listHistory(database ?? (await db()), filters, { cursor, limit });
  return { rows: page.rows.map(presentListItem), nextCursor: page.nextCursor };
}

/** One request as the detail page and API show it, or undefined when the id is unknown. */
export async function loadDetail(id: string, database?: Kysely<Database>): Promise<HistoryDetail | undefined> {
  const source = database ?? (await db());
  const row = await getRequest(source, id);
  return row ? presentDetail(row, await listReplays(source, id)) : undefined;
}

/** The filtered history as a CSV stream. */
export async function exportHistoryCsv(filters: HistoryFilters): Promise<ReadableStream<Uint8Array>> {
  return historyCsvStream(await db(), filters);
}
