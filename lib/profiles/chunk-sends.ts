import "server-only";
import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import { recordedFormSchema } from "@/lib/identify/loose-form";
import { parseStoredJson } from "@/lib/history/stored-json";
import type { AcceptedSend } from "./fold";

// A bulk API chunk is one history row standing for many profiles (source `bulk`, no user id, a body of
// `users` or `companies` records). Its rows are folded when Userpilot's job for it completes, each as one
// accepted send at the chunk's accepted time, in file order. The values come from the job's rows marked sent
// with the chunk's history id (masked there as the history masks), not from the body: the body's dates are
// plain text, the rows keep each property's type. The live update and the rebuild both read them here.

type Reader = Kysely<Database> | Transaction<Database>;

export type ChunkKind = "users" | "companies";

const chunkBodySchema = z.union([
  z.object({ users: z.array(z.unknown()) }).transform(() => "users" as const),
  z.object({ companies: z.array(z.unknown()) }).transform(() => "companies" as const),
]);

/** The kind of a history row that is a bulk API chunk, or null for any other row. */
export function chunkKindOf(row: { source: string; user_id: string; request_body: string }): ChunkKind | null {
  if (row.source !== "bulk" || row.user_id !== "") return null;
  const kind = chunkBodySchema.safeParse(parseStoredJson(row.request_body));
  return kind.success ? kind.data : null;
}

type ChunkRow = { id: string; environment_id: string; updated_at: number; sent_by: string | null };

/** The accepted sends of a chunk whose Userpilot job completed (none while it runs or when it failed). */
export async function chunkSends(database: Reader, kind: ChunkKind, chunk: ChunkRow): Promise<AcceptedSend[]> {
  const rows = await database
    .selectFrom("bulk_job_rows")
    .select("values_json")
    .where("history_id", "=", chunk.id)
    .where("state", "=", "sent")
    .orderBy("job_id")
    .orderBy("idx")
    .execute();
  const sends: AcceptedSend[] = [];
  for (const row of rows) {
    const raw = parseStoredJson(row.values_json);
    // A company row is stored as `{ companyId, companyProperties }`: the form's values without a user.
    const values = recordedFormSchema.safeParse(
      kind === "users" ? raw : { userId: "", properties: [], ...(typeof raw === "object" && raw !== null ? raw : {}) },
    );
    if (!values.success) continue;
    sends.push({
      environmentId: chunk.environment_id,
      historyId: chunk.id,
      acceptedAt: chunk.updated_at,
      sentBy: chunk.sent_by,
      identifies: kind === "users" ? "user" : "company",
      values: values.data,
    });
  }
  return sends;
}
