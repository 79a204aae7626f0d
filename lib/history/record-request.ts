import "server-only";
import { env } from "@/lib/env";
import type { EnvironmentSummary } from "@/lib/environments/types";
import { refusedFormSchema, type LooseRows } from "@/lib/identify/loose-form";
import { buildCompanyPayload, buildIdentifyPayload, type CompanyPayload, type IdentifyPayload } from "@/lib/identify/payload";
import type { Identifies, IdentifyFormValues } from "@/lib/identify/schema";
import type { FieldError } from "@/lib/outcome/schema";
import { redactFieldErrors, redactFormValues, redactPayload, redactText, type Redacted } from "./redact";
import { insertRequest, writeOutcome, type RecordedOutcome, type RequestSource, type WrittenAlongside } from "./store";

/** Where a request goes, who sends it, and what it replays: everything on record besides the values. */
export type RequestContext = {
  environment: Pick<EnvironmentSummary, "id" | "label">;
  sentBy: string | null;
  source: RequestSource;
  replayOf: string | null;
  /** The bulk job that sends it. */
  jobId?: string | null;
  /** Identify User (the default), or Identify Company from the values' company part alone. */
  identifies?: Identifies;
};

export type { Identifies };

/** A request on record as pending, and the body to send: the very one whose masked copy is on record. */
export type PendingRequest = { id: string; payload: IdentifyPayload | CompanyPayload };

/**
 * The way a request enters the history (with `recordRefusedRequest` below): its ids and counts derived from
 * the values, its values and body masked (HISTORY_REDACT_KEYS), then stored. Valid values are written as
 * pending before anything is sent (HistoryUnavailableError when they can't be, and nothing may be sent).
 */
export async function recordRequest(values: IdentifyFormValues, context: RequestContext): Promise<PendingRequest> {
  const masked = env().HISTORY_REDACT_KEYS;
  const payload = context.identifies === "company" ? buildCompanyPayload(values) : buildIdentifyPayload(values);
  const id = await insertRequest(row(values, context, redactPayload(payload, masked), masked), "pending", null);
  return { id, payload };
}

/**
 * Values our validation refused, with their field errors (paths relative to the values), are written as
 * rejected, never sent; bodies without even a user id (random JSON, probes) leave nothing (undefined).
 */
export async function recordRefusedRequest(
  values: unknown,
  context: RequestContext,
  refused: FieldError[],
): Promise<string | undefined> {
  const masked = env().HISTORY_REDACT_KEYS;
  const form = refusedFormSchema.safeParse(values);
  if (!form.success) return undefined;
  const reason = redactFieldErrors(refused, form.data, masked)
    .map((field) => `${field.path}: ${field.message}`)
    .join("; ") as Redacted<string>;
  return insertRequest(row(form.data, context, null, masked), "rejected", reason);
}

function row<F extends LooseRows & { userId: string; companyId: string }>(
  values: F,
  context: RequestContext,
  requestBody: Redacted<object> | null,
  masked: readonly string[],
) {
  return {
    environment: context.environment.label,
    environmentId: context.environment.id,
    sentBy: context.sentBy,
    source: context.source,
    replayOf: context.replayOf,
    jobId: context.jobId ?? null,
    userId: values.userId,
    companyId: values.companyId || null,
    propertyCount: values.properties.length + values.companyProperties.length,
    formValues: redactFormValues(values, masked),
    requestBody,
  };
}

/**
 * Records what came back on the pending row (with `alongside` in the same transaction, see WrittenAlongside);
 * an upstream answer may quote a value the history masks, so it is masked the same way. HistoryUnavailableError
 * when it can't be written (the row then stays pending).
 */
export async function recordOutcome(
  id: string,
  values: IdentifyFormValues,
  outcome: Omit<RecordedOutcome, "responseBody"> & { responseBody: string | null },
  alongside?: WrittenAlongside,
): Promise<void> {
  const masked = env().HISTORY_REDACT_KEYS;
  const responseBody = outcome.responseBody === null ? null : redactText(outcome.responseBody, values, masked);
  await writeOutcome(id, { ...outcome, responseBody }, alongside);
}
