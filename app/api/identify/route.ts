import { guarded } from "@/lib/auth/guard";
import { handleIdentifyRequest } from "@/lib/sending/identify-request";

// POST /api/identify[?environment=id&replayOf=id] – validate, record, forward to Userpilot, answer with the outcome
export const POST = guarded("identify:send", handleIdentifyRequest);
