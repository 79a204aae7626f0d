import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import type { EnvironmentSummary } from "@/lib/environments/types";
import { redactFieldErrors, redactFormValues } from "@/lib/history/redact";
import type { NewRequest } from "@/lib/history/store";

const looseRow = z.object({
  name: z.string().max(1000),
  type: z.string().max(20),
  value: z.string().max(70_000),
});
const looseForm = z.object({
  userId: z.string().max(1000),
  companyId: z.string().max(1000).catch(""),
  properties: z.array(looseRow).max(1000).catch([]),
  companyProperties: z.array(looseRow).max(1000).catch([]),
});

type FieldError = { path: string; message: string };

/**
 * What an invalid body leaves on record: enough to see who tried what, and why it was refused, masked like
 * any other record. Bodies without even a user id (random JSON, probes) leave nothing.
 */
export function rejectedRecord(
  body: unknown,
  environment: EnvironmentSummary,
  sentBy: string,
  fields: FieldError[],
): { request: NewRequest; reason: string } | undefined {
  const parsed = looseForm.safeParse(body);
  if (!parsed.success) return undefined;
  const masked = env().HISTORY_REDACT_KEYS;
  const values = redactFormValues(parsed.data, masked);
  const reason = redactFieldErrors(fields, parsed.data, masked)
    .map((field) => `${field.path}: ${field.message}`)
    .join("; ");
  return {
    reason,
    request: {
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
    },
  };
}
