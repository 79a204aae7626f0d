import "server-only";
import { env } from "@/lib/env";
import { redactFormValues, redactPayload } from "@/lib/history/redact";
import { HistoryUnavailableError, insertPending } from "@/lib/history/store";
import { encodePropertyValue, type PropertyValue } from "@/lib/identify/payload";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import type { SendOutcome } from "@/lib/outcome/schema";
import { record, toOutcome, type SendContext } from "@/lib/sending/send-identify";
import { postJson } from "@/lib/userpilot/client";
import type { CompanyValues } from "./job-plan";

export type CompanyPayload = { company_id: string; metadata?: Record<string, PropertyValue> };

/** The body of `POST /v1/companies/identify`, encoded like a user's properties. */
export function buildCompanyPayload(values: CompanyValues): CompanyPayload {
  const metadata = Object.fromEntries(
    values.properties.filter((row) => row.name !== "").map((row) => [row.name, encodePropertyValue(row)]),
  );
  return Object.keys(metadata).length > 0
    ? { company_id: values.companyId, metadata }
    : { company_id: values.companyId };
}

/** A company seen as the form's values, for the history's redaction and field mapping. */
export function companyAsForm(values: CompanyValues): IdentifyFormValues {
  return { userId: "", properties: [], companyId: values.companyId, companyProperties: values.properties };
}

/** Identify Company: recorded like a single send (pending first, then the outcome), any 2xx is success. */
export async function sendIdentifyCompany(values: CompanyValues, context: SendContext): Promise<SendOutcome> {
  const config = env();
  const form = companyAsForm(values);
  const payload = buildCompanyPayload(values);
  const historyId = await insertPending({
    environment: context.environment.summary.label,
    environmentId: context.environment.summary.id,
    sentBy: context.sentBy,
    source: context.source,
    replayOf: context.replayOf,
    userId: "",
    companyId: values.companyId,
    propertyCount: values.properties.length,
    formValues: redactFormValues(form, config.HISTORY_REDACT_KEYS),
    requestBody: redactPayload(payload, config.HISTORY_REDACT_KEYS),
    jobId: context.jobId ?? null,
  });
  const result = await postJson(context.environment, "/v1/companies/identify", payload, {
    timeoutMs: config.USERPILOT_TIMEOUT_MS,
    maxRetries: config.USERPILOT_MAX_RETRIES,
    retryBaseMs: config.USERPILOT_RETRY_BASE_MS,
  });
  const outcome = toOutcome(historyId, result, form);
  try {
    await record(historyId, outcome, result, form);
  } catch (error) {
    if (error instanceof HistoryUnavailableError) return { ...outcome, notRecorded: error.reason };
    throw error;
  }
  return outcome;
}
