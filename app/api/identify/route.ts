import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { withHsts } from "@/lib/http/hsts";
import { parseBody } from "@/lib/http/parse-body";
import { identifySendEnvelopeSchema } from "@/lib/identify/send-request";
import { sendFromForm } from "@/lib/sending/send-service";

const send = guarded("identify:send", async (request, actor) => {
  const body = await parseBody(request, identifySendEnvelopeSchema);
  return NextResponse.json({ outcome: await sendFromForm(body, actor.email) });
});

// POST /api/identify { environmentId, replayOf, values } – validate, record, forward to Userpilot, answer with the outcome.
// The proxy skips this route (proxy.ts), so it sets the HSTS header itself.
export const POST = async (request: Request, context: unknown): Promise<Response> => withHsts(await send(request, context));
