import "server-only";
import { env } from "@/lib/env";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import { recordOutcome, recordRequest, type Identifies } from "@/lib/history/record-request";
import { HistoryUnavailableError, type RequestSource } from "@/lib/history/store";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import { requestPath } from "@/lib/identify/send-request";
import type { SendOutcome } from "@/lib/outcome/schema";
import { REDIRECT_MESSAGE } from "@/lib/outcome/status";
import { knownProfileUpkeep } from "@/lib/profiles/keep-profile";
import { formFieldOf, parseUpstreamErrors } from "@/lib/outcome/upstream-errors";
import { isRedirectStatus, postJson, type UpstreamResult } from "@/lib/userpilot/client";
import { USERPILOT_PATHS } from "@/lib/userpilot/protocol";

export type SendContext = {
  source: RequestSource;
  replayOf: string | null;
  sentBy: string | null;
  environment: ResolvedEnvironment;
  /** The bulk job this send belongs to: lands in the history row's job_id. */
  jobId?: string;
  /** Identify User (the default) or Identify Company, which reads only the company part of the values. */
  identifies?: Identifies;
};

/**
 * Records the request as pending (HistoryUnavailableError, and nothing sent, when it can't be), forwards it
 * to Userpilot, records the outcome (with the known profile of an accepted send, in one transaction) and
 * returns it.
 */
export async function forwardToUserpilot(values: IdentifyFormValues, context: SendContext): Promise<SendOutcome> {
  const config = env();
  const target = context.environment;
  const { id: historyId, payload } = await recordRequest(values, { ...context, environment: target.summary });

  const path = context.identifies === "company" ? USERPILOT_PATHS.identifyCompany : USERPILOT_PATHS.identifyUser;
  const result = await postJson(target, path, payload, {
    timeoutMs: config.USERPILOT_TIMEOUT_MS,
    maxRetries: config.USERPILOT_MAX_RETRIES,
    retryBaseMs: config.USERPILOT_RETRY_BASE_MS,
  });

  const outcome = toOutcome(historyId, result, values, context.identifies);
  try {
    await recordOutcome(
      historyId,
      values,
      {
        status: outcome.status,
        statusCode: outcome.httpStatus,
        responseBody: result.kind === "response" ? result.body : null,
        upstreamRequestId: outcome.requestId,
        latencyMs: outcome.latencyMs,
        attempts: result.attempts,
        errorMessage:
          result.kind !== "response" ? result.message : isRedirectStatus(result.status) ? REDIRECT_MESSAGE : null,
      },
      knownProfileUpkeep(values, context, outcome),
    );
  } catch (error) {
    // The send happened: say so. The row stays pending; the start-up sweep marks it "outcome unknown".
    if (error instanceof HistoryUnavailableError) return { ...outcome, notRecorded: error.reason };
    throw error;
  }
  return outcome;
}

function toOutcome(
  historyId: string,
  result: UpstreamResult,
  values: IdentifyFormValues,
  identifies: SendContext["identifies"],
): SendOutcome {
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
    const field = formFieldOf(error, values, identifies);
    return field ? [{ path: requestPath(field), message: error.message }] : [];
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
