import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { RequestsTable } from "@/lib/db/schema";
import { formValuesFromPayload } from "@/lib/identify/from-payload";
import { recordedFormSchema } from "@/lib/identify/loose-form";
import type { IdentifyFormValues, Identifies } from "@/lib/identify/schema";
import { identifiesOf } from "./identifies";
import { getRequest } from "./queries";
import { REDACTED } from "./redact";
import { parseStoredJson } from "./stored-json";

export type ReplayValues = { values: IdentifyFormValues; droppedRedacted: string[] };

/**
 * The form values a request was made from, each property with its type. Properties whose values the
 * history masked are left out: identify merges, so leaving them out leaves them unchanged in Userpilot,
 * where sending "[redacted]" would overwrite them.
 */
export function replayValues(row: Pick<RequestsTable, "form_values" | "request_body">): ReplayValues {
  const parsed = recordedFormSchema.safeParse(parseStoredJson(row.form_values));
  const values = parsed.success ? parsed.data : formValuesFromPayload(parseStoredJson(row.request_body));
  const droppedRedacted: string[] = [];
  const keep = (rows: IdentifyFormValues["properties"]) =>
    rows.filter((property) => {
      const masked = property.value === REDACTED && property.type !== "remove";
      if (masked) droppedRedacted.push(property.name);
      return !masked;
    });
  return {
    values: {
      ...values,
      properties: keep(values.properties),
      companyProperties: keep(values.companyProperties),
    },
    droppedRedacted,
  };
}

export type Replay = ReplayValues & { id: string; environmentId: string | null; identifies: Identifies };

/** A history entry loaded as values to send again (Edit and resend, Resend); undefined for an unknown id. */
export async function loadReplay(id: unknown): Promise<Replay | undefined> {
  const uuid = z.uuid().safeParse(id);
  if (!uuid.success) return undefined;
  const row = await getRequest(await db(), uuid.data);
  if (!row) return undefined;
  return { id: uuid.data, environmentId: row.environment_id, identifies: identifiesOf(row.user_id, row.company_id), ...replayValues(row) };
}
