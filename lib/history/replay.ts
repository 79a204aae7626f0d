import "server-only";
import { z } from "zod";
import type { RequestsTable } from "@/lib/db/schema";
import { formValuesFromPayload } from "@/lib/identify/from-payload";
import { PROPERTY_TYPES, type IdentifyFormValues } from "@/lib/identify/schema";
import { REDACTED } from "./redact";
import { parseStoredJson } from "./stored-json";

const storedRow = z.object({ name: z.string(), type: z.enum(PROPERTY_TYPES), value: z.string() });
const storedForm = z.object({
  userId: z.string(),
  companyId: z.string().catch(""),
  properties: z.array(storedRow).catch([]),
  companyProperties: z.array(storedRow).catch([]),
});

export type ReplayValues = { values: IdentifyFormValues; droppedRedacted: string[] };

/**
 * The form values a request was made from, each property with its type. Properties whose values the
 * history masked are left out: identify merges, so leaving them out leaves them unchanged in Userpilot,
 * where sending "[redacted]" would overwrite them.
 */
export function replayValues(row: Pick<RequestsTable, "form_values" | "request_body">): ReplayValues {
  const parsed = storedForm.safeParse(parseStoredJson(row.form_values));
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
