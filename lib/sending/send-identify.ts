import "server-only";
import { env } from "@/lib/env";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import { redactFormValues, redactPayload, redactText } from "@/lib/history/redact";
import { HistoryUnavailableError, insertPending, recordOutcome, type RequestSource } from "@/lib/history/store";
import { buildIdentifyPayload } from "@/lib/identify/payload";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import type { SendOutcome } from "@/lib/outcome/schema";
import { REDIRECT_MESSAGE } from "@/lib/outcome/status";
import { formFieldFor, parseUpstreamErrors } from "@/lib/outcome/upstream-errors";
import { isRedirectStatus, postJson, type UpstreamResult } from "@/lib/userpilot/client";

export type SendContext = {
  source: RequestSource;
  replayOf: string | null;
  sentBy: string | null;
  environment: ResolvedEnvironment;
  /** The bulk job this send belongs to: lands in the history row's job_id. */
  jobId?: string;
};

/** Records the request, forwards it to Userpilot, records and returns the outcome. */
export async function sendIdentify(values: IdentifyFormValues, context: SendContext): Promise<SendOutcome> {
  const config = env();
  const target = context.environment;
  const payload = buildIdentifyPayload(values);

  const historyId = await insertPending({
    environment: target.summary.label,
    environmentId: target.summary.id,
    sentBy: context.sentBy,
    source: context.source,
    replayOf: context.replayOf,
    userId: values.userId,
    companyId: values.companyId || null,
    propertyCount: values.properties.length + values.companyProperties.length,
    formValues: redactFormValues(values, config.HISTORY_REDACT_KEYS),
    requestBody: redactPayload(payload, config.HISTORY_REDACT_KEYS),
    jobId: context.jobId ?? null,
  });

  const result = await postJson(target, "/v1/identify", payload, {
    timeoutMs: config.USERPILOT_TIMEOUT_MS,
    maxRetries: config.USERPILOT_MAX_RETRIES,
    retryBaseMs: config.USERPILOT_RETRY_BASE_MS,
  });

  const outcome = toOutcome(historyId, result, values);
  try {
    await record(historyId, outcome, result, values);
  } catch (error) {
    // The send happened: say so. The row stays pending; the start-up sweep marks it "outcome unknown".
    if (error instanceof HistoryUnavailableError) return { ...outcome, notRecorded: error.reason };
    throw error;
  }
  return outcome;
}

export function record(historyId: string, outcome: SendOutcome, result: UpstreamResult, values: IdentifyFormValues) {
  const config = env();
  return recordOutcome(historyId, {
    status: outcome.status,
    statusCode: outcome.httpStatus,
    // An upstream answer or an error may quote a value the history masks.
    responseBody: result.kind === "response" ? redactText(result.body, values, config.HISTORY_REDACT_KEYS) : null,
    upstreamRequestId: outcome.requestId,
    latencyMs: outcome.latencyMs,
    attempts: result.attempts,
    errorMessage:
      result.kind !== "response" ? result.message : isRedirectStatus(result.status) ? REDIRECT_MESSAGE : null,
  });
}

export function toOutcome(historyId: string, result: UpstreamResult, values: IdentifyFormValues): SendOutcome {
  const common = { historyId, latencyMs: result.latencyMs, attempts: result.attempts.length };
  if (result.kind !== "response") {
    return { ...common, status: result.kind, httpStatus: null, requestId: null, message: result.message, fieldErrors: [] };
  }
  if (isRedirectStatus(result.status)) {
    return {
      ...common,
      status: String(result.status),
      httpStatus: result.status,
      requestId: result.requestId,
      message: REDIRECT_MESSAGE,
      fieldErrors: [],
    };
  }
  const errors = result.status >= 400 ? parseUpstreamErrors(result.body) : [];
  const fieldErrors = errors.flatMap((error) => {
    const field = error.field ? formFieldFor(error.field, values) : undefined;
    return field ? [{ field, message: error.message }] : [];
  });
  return {
    ...common,
    status: String(result.status),
    httpStatus: result.status,
    requestId: result.requestId,
    message: errors.map((error) => error.message).join("; ") || null,
    fieldErrors,
  };
}
