import "server-only";
import type { z } from "zod";
import { KEY_UNREADABLE, resolveEnvironment, type ResolvedEnvironment } from "@/lib/environments/store";
import { KEY_UNREADABLE_MESSAGE } from "@/lib/environments/types";
import { recordRefusedRequest } from "@/lib/history/record-request";
import { loadReplay } from "@/lib/history/replay";
import { HistoryUnavailableError } from "@/lib/history/store";
import { ApiError, historyUnavailable } from "@/lib/http/api-error";
import { fieldErrors } from "@/lib/http/responses";
import { formSchemaFor, type IdentifyFormValues } from "@/lib/identify/schema";
import { requestPath, type identifySendEnvelopeSchema } from "@/lib/identify/send-request";
import type { FieldError, SendOutcome } from "@/lib/outcome/schema";
import { forwardToUserpilot, type SendContext } from "./forward-to-userpilot";

const NO_ENVIRONMENT =
  "There is no environment to send to: the sandbox is off (SANDBOX=off) and no Userpilot key is set. An admin can add one on the Environments page.";
const UNKNOWN_ENVIRONMENT = "That environment does not exist (any more); pick another";

/**
 * A send from the form (POST /api/identify): values checked against the one schema; refused values are
 * recorded as rejected (linked to the entry they replay) and answered with a 400 naming each field; valid
 * values are recorded and forwarded.
 */
export async function sendFromForm(
  request: z.output<typeof identifySendEnvelopeSchema>,
  sentBy: string,
): Promise<SendOutcome> {
  const environment = await targetEnvironment(request.environmentId);
  const context: SendContext = {
    source: request.replayOf ? "replay" : "form",
    replayOf: request.replayOf,
    sentBy,
    environment,
    identifies: request.identifies,
  };
  const values = formSchemaFor(request.identifies).safeParse(request.values);
  if (!values.success) {
    const fields = fieldErrors(values.error);
    // The field errors matter more than the record: a history that can't be written shows on /api/health.
    await recordRefusedRequest(request.values, { ...context, environment: environment.summary }, fields).catch(
      ignoreHistoryUnavailable,
    );
    throw new ApiError(400, "invalid_request", "The request has invalid fields; nothing was sent", inBody(fields));
  }
  return send(values.data, context);
}

/** Resend (POST /api/history/[id]/resend): the entry's values again, to the same environment, linked to it. */
export async function resendEntry(id: string, sentBy: string): Promise<SendOutcome> {
  const replay = await loadReplay(id);
  if (!replay) throw new ApiError(404, "not_found", "No request with that id in the history");
  const environment = await resolveEnvironment(replay.environmentId);
  if (!environment) {
    throw new ApiError(409, "environment_gone", "The environment this request went to no longer exists; use Edit and resend");
  }
  if (environment === KEY_UNREADABLE) throw new ApiError(409, "key_unreadable", KEY_UNREADABLE_MESSAGE);
  const values = formSchemaFor(replay.identifies).safeParse(replay.values);
  if (!values.success) {
    const message = "This request has invalid fields; use Edit and resend to fix them";
    throw new ApiError(400, "invalid_request", message, inBody(fieldErrors(values.error)));
  }
  return send(values.data, { source: "replay", replayOf: replay.id, sentBy, environment, identifies: replay.identifies });
}

async function targetEnvironment(id: string | null): Promise<ResolvedEnvironment> {
  const environment = await resolveEnvironment(id);
  if (!environment && !id) throw new ApiError(409, "no_environment", NO_ENVIRONMENT);
  if (!environment) {
    throw new ApiError(400, "unknown_environment", UNKNOWN_ENVIRONMENT, [
      { path: "environmentId", message: UNKNOWN_ENVIRONMENT },
    ]);
  }
  if (environment === KEY_UNREADABLE) throw new ApiError(409, "key_unreadable", KEY_UNREADABLE_MESSAGE);
  return environment;
}

/** Sends; a history that can't be written stops the send with a 503 that says nothing was sent. */
async function send(values: IdentifyFormValues, context: SendContext): Promise<SendOutcome> {
  try {
    return await forwardToUserpilot(values, context);
  } catch (error) {
    if (!(error instanceof HistoryUnavailableError)) throw error;
    throw historyUnavailable(error.reason);
  }
}

/** The values' field errors as the request body names them (`values.userId`). */
const inBody = (fields: FieldError[]) => fields.map((field) => ({ ...field, path: requestPath(field.path) }));

function ignoreHistoryUnavailable(error: unknown): void {
  if (!(error instanceof HistoryUnavailableError)) throw error;
}
