import { guarded } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { KEY_UNREADABLE, resolveEnvironment } from "@/lib/environments/store";
import { apiError, fieldErrors, keyUnreadableError } from "@/lib/http/responses";
import { getRequest } from "@/lib/history/queries";
import { replayValues } from "@/lib/history/replay";
import { identifyFormSchema } from "@/lib/identify/schema";
import { sendAndAnswer } from "@/lib/sending/identify-request";

type Context = { params: Promise<{ id: string }> };

// POST /api/history/[id]/resend – send the same request again, to the same environment, as a new linked row
export const POST = guarded("identify:send", async (_request, actor, { params }: Context) => {
  const { id } = await params;
  const row = await getRequest(await db(), id);
  if (!row) return apiError(404, "not_found", "No request with that id in the history");
  const environment = await resolveEnvironment(row.environment_id);
  if (!environment) return apiError(409, "environment_gone", "The environment this request went to no longer exists; use Edit and resend");
  if (environment === KEY_UNREADABLE) return keyUnreadableError();
  const parsed = identifyFormSchema.safeParse(replayValues(row).values);
  if (!parsed.success) {
    return apiError(400, "invalid_request", "This request has invalid fields; use Edit and resend to fix them", fieldErrors(parsed.error));
  }
  return sendAndAnswer(parsed.data, { source: "replay", replayOf: id, sentBy: actor.email, environment });
});
