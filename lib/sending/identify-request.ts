import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { KEY_UNREADABLE, resolveEnvironment } from "@/lib/environments/store";
import { HistoryUnavailableError, insertRejected } from "@/lib/history/store";
import { readJsonBody } from "@/lib/http/json-body";
import { apiError, fieldErrors, historyUnavailableError, keyUnreadableError } from "@/lib/http/responses";
import { identifyFormSchema, type IdentifyFormValues } from "@/lib/identify/schema";
import { rejectedRecord } from "./rejected-record";
import { sendIdentify, type SendContext } from "./send-identify";

const querySchema = z.object({
  replayOf: z.uuid({ error: "replayOf must be the id of a history entry" }).nullable(),
  environment: z.string().max(100).nullable(),
});

/** POST /api/identify: validate, record, forward to Userpilot, answer with the outcome. */
export async function handleIdentifyRequest(request: Request, actor: Actor): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const query = querySchema.safeParse({ replayOf: params.get("replayOf"), environment: params.get("environment") });
  if (!query.success) return apiError(400, "invalid_query", query.error.issues[0]?.message ?? "Invalid query");
  const environment = await resolveEnvironment(query.data.environment);
  if (!environment && !query.data.environment) {
    return apiError(
      409,
      "no_environment",
      "There is no environment to send to: the sandbox is off (SANDBOX=off) and no Userpilot key is set. An admin can add one on the Environments page.",
    );
  }
  if (!environment) return apiError(400, "unknown_environment", "That environment does not exist (any more); pick another");
  if (environment === KEY_UNREADABLE) return keyUnreadableError();

  const body = await readJsonBody(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);

  const parsed = identifyFormSchema.safeParse(body.json);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const record = rejectedRecord(body.json, environment.summary, actor.email, fields);
    // The field errors matter more than the record: a history that can't be written shows on /api/health.
    if (record) await insertRejected(record.request, record.reason).catch(ignoreHistoryUnavailable);
    return apiError(400, "invalid_request", "The request has invalid fields; nothing was sent", fields);
  }

  return sendAndAnswer(parsed.data, {
    source: query.data.replayOf ? "replay" : "form",
    replayOf: query.data.replayOf,
    sentBy: actor.email,
    environment,
  });
}

/** Sends and answers with the outcome; a history that can't be written stops the send with a 503. */
export async function sendAndAnswer(values: IdentifyFormValues, context: SendContext): Promise<Response> {
  try {
    return NextResponse.json({ outcome: await sendIdentify(values, context) });
  } catch (error) {
    if (error instanceof HistoryUnavailableError) return historyUnavailableError(error.reason);
    throw error;
  }
}

function ignoreHistoryUnavailable(error: unknown): void {
  if (!(error instanceof HistoryUnavailableError)) throw error;
}
