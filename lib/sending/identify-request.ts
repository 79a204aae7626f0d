import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { KEY_UNREADABLE, resolveEnvironment } from "@/lib/environments/store";
import { insertRejected } from "@/lib/history/store";
import { readJsonBody } from "@/lib/http/json-body";
import { apiError, fieldErrors, keyUnreadableError } from "@/lib/http/responses";
import { identifyFormSchema } from "@/lib/identify/schema";
import { rejectedRecord } from "./rejected-record";
import { sendIdentify } from "./send-identify";

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
    if (record) await insertRejected(record.request, record.reason);
    return apiError(400, "invalid_request", "The request has invalid fields; nothing was sent", fields);
  }

  const outcome = await sendIdentify(parsed.data, {
    source: query.data.replayOf ? "replay" : "form",
    replayOf: query.data.replayOf,
    sentBy: actor.email,
    environment,
  });
  return NextResponse.json({ outcome });
}
