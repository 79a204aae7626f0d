import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import type { EnvironmentSummary } from "@/lib/environments/types";
import { redactFormValues } from "@/lib/history/redact";
import type { NewRequest } from "@/lib/history/store";

const looseRow = z.object({ name: z.string().max(1000), type: z.string().max(20), value: z.string().max(70_000) });
const looseForm = z.object({
  userId: z.string().max(1000),
  companyId: z.string().max(1000).catch(""),
  properties: z.array(looseRow).max(1000).catch([]),
  companyProperties: z.array(looseRow).max(1000).catch([]),
});

/**
 * What an invalid body leaves on record: enough to see who tried what. Bodies without even a user id
 * (random JSON, probes) leave nothing.
 */
export function rejectedRecord(body: unknown, environment: EnvironmentSummary, sentBy: string): NewRequest | undefined {
  const parsed = looseForm.safeParse(body);
  if (!parsed.success) return undefined;
  const config = env();
  const values = redactFormValues(parsed.data, config.HISTORY_REDACT_KEYS);
  return {
    environment: environment.label,
    environmentId: environment.id,
    sentBy,
    source: "form",
    replayOf: null,
    userId: values.userId,
    companyId: values.companyId || null,
    propertyCount: values.properties.length + values.companyProperties.length,
    formValues: values,
    requestBody: null,
  };
}
