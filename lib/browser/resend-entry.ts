import { requestJson } from "./request-json";
import { sendAnswerSchema, toSendResult, unexpectedSendAnswer, type SendResult } from "./send-identify";

/** Browser side of POST /api/history/[id]/resend: the same answer as a send from the form. */
export async function resendEntry(id: string): Promise<SendResult> {
  const result = await requestJson(`/api/history/${encodeURIComponent(id)}/resend`, sendAnswerSchema, {
    method: "POST",
    unreachable: "The console's server could not be reached. Nothing was sent.",
    unexpected: unexpectedSendAnswer,
  });
  return toSendResult(result);
}
