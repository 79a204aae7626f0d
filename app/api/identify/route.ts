import { insertRejected } from "@/lib/history/store";
import { readJsonBody } from "@/lib/http/json-body";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { identifyFormSchema } from "@/lib/identify/schema";
import { rejectedRecord } from "@/lib/sending/rejected-record";
import { sendIdentify } from "@/lib/sending/send-identify";
import { NextResponse } from "next/server";

// POST /api/identify – validate, record, forward to Userpilot, answer with the outcome
export async function POST(request: Request) {
  const body = await readJsonBody(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);

  const parsed = identifyFormSchema.safeParse(body.json);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const record = rejectedRecord(body.json);
    if (record) await insertRejected(record, fields.map((f) => `${f.path}: ${f.message}`).join("; "));
    return apiError(400, "invalid_request", "The request has invalid fields; nothing was sent", fields);
  }

  const outcome = await sendIdentify(parsed.data, { source: "form", replayOf: null, sentBy: null });
  return NextResponse.json({ outcome });
}
