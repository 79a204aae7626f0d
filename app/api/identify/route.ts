import { guarded } from "@/lib/auth/guard";
import { withHsts } from "@/lib/http/hsts";
import { handleIdentifyRequest } from "@/lib/sending/identify-request";

const send = guarded("identify:send", handleIdentifyRequest);

// POST /api/identify[?environment=id&replayOf=id] – validate, record, forward to Userpilot, answer with the outcome.
// The proxy skips this route (proxy.ts), so it sets the HSTS header itself.
export const POST = async (request: Request, context: unknown): Promise<Response> => withHsts(await send(request, context));
