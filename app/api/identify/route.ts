import { insertRejected } from "@/lib/history/store";
import { readJsonBody } from "@/lib/http/json-body";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { identifyFormSchema } from "@/lib/identify/schema";
import { rejectedRecord } from "@/lib/sending/rejected-record";
import { sendIdentify } from "@/lib/sending/send-identify";
import { NextResponse } from "next/server";
import { z } from "zod";

const replayOfSchema = z.uuid().nullable();

// POST /api/identify[?replayOf=id] – validate, record, forward to Userpilot, answer with the outcome
export async function POST(request: Request) {
  const replayOf = replayOfSchema.safeParse(new URL(request.url).searchParams.get("replayOf"));
  if (!replayOf.success) return apiError(400, "invalid_query", "replayOf must be the id of a history entry");
  const body = await readJsonBody(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);

  const parsed = identifyFormSchema.safeParse(body.json);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const record = rejectedRecord(body.json);
    if (record) await insertRejected(record, fields.map((f) => `${f.path}: ${f.message}`).join("; "));
    return apiError(400, "invalid_request", "The request has invalid fields; nothing was sent", fields);
  }

  const outcome = await sendIdentify(parsed.data, {
    source: replayOf.data ? "replay" : "form",
    replayOf: replayOf.data,
    sentBy: null,
  });
  return NextResponse.json({ outcome });
}
