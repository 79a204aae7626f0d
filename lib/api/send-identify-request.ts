import { apiErrorSchema, sendOutcomeSchema, type SendOutcome } from "@/lib/outcome/schema";
import type { IdentifyFormValues } from "@/lib/identify/schema";

export type SendResult =
  | { ok: true; outcome: SendOutcome }
  | { ok: false; message: string; fields: { path: string; message: string }[] };

/** Browser side of POST /api/identify: every answer, even a broken one, becomes something to show. */
export async function postIdentify(
  values: IdentifyFormValues,
  options: { replayOf?: string; environment?: string } = {},
): Promise<SendResult> {
  let response: Response;
  try {
    const query = new URLSearchParams();
    if (options.replayOf) query.set("replayOf", options.replayOf);
    if (options.environment) query.set("environment", options.environment);
    response = await fetch(`/api/identify${query.size > 0 ? `?${query.toString()}` : ""}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(values),
    });
  } catch {
    return { ok: false, message: "The console's server could not be reached. Nothing was sent; your input is kept.", fields: [] };
  }
  return parseSendResponse(response);
}

export async function parseSendResponse(response: Response): Promise<SendResult> {
  const json: unknown = await response.json().catch(() => undefined);
  const success = sendOutcomeSchema.safeParse((json as { outcome?: unknown } | undefined)?.outcome);
  if (response.ok && success.success) return { ok: true, outcome: success.data };
  const error = apiErrorSchema.safeParse(json);
  if (error.success) return { ok: false, message: error.data.error.message, fields: error.data.error.fields ?? [] };
  return {
    ok: false,
    message: `The console's server answered ${response.status} unexpectedly. Check the history before sending again.`,
    fields: [],
  };
}
