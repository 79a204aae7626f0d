import { z } from "zod";
import { formPath, type IdentifySendRequest } from "@/lib/identify/send-request";
import { sendOutcomeSchema, type FieldError, type SendOutcome } from "@/lib/outcome/schema";
import { requestJson, type RequestResult } from "./request-json";

/** A send's answer for the form: field errors name the form's own fields (`properties.2.value`). */
export type SendResult =
  | { ok: true; outcome: SendOutcome }
  | { ok: false; message: string; fields: FieldError[] };

export const sendAnswerSchema = z.object({ outcome: sendOutcomeSchema });

export const unexpectedSendAnswer = (status: number) =>
  `The console's server answered ${status} unexpectedly. Check the history before sending again.`;

/** Browser side of POST /api/identify: every answer, even a broken one, becomes something to show. */
export async function sendIdentify(request: IdentifySendRequest): Promise<SendResult> {
  const result = await requestJson("/api/identify", sendAnswerSchema, {
    method: "POST",
    body: request,
    unreachable: "The console's server could not be reached. Nothing was sent; your input is kept.",
    unexpected: unexpectedSendAnswer,
  });
  return toSendResult(result);
}

/** The answer of a send route with its field errors moved from request-body paths onto the form's fields. */
export function toSendResult(result: RequestResult<z.output<typeof sendAnswerSchema>>): SendResult {
  if (!result.ok) return { ok: false, message: result.message, fields: onForm(result.fields) };
  const { outcome } = result.data;
  return { ok: true, outcome: { ...outcome, fieldErrors: onForm(outcome.fieldErrors) } };
}

/** The one place a request-body path (`values.userId`) becomes the form's (`userId`); others are dropped. */
function onForm(fields: FieldError[]): FieldError[] {
  return fields.flatMap((field) => {
    const path = formPath(field.path);
    return path === undefined ? [] : [{ path, message: field.message }];
  });
}
