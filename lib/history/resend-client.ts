import { parseSendResponse, type SendResult } from "@/lib/api/send-identify-request";

export async function resendRequest(id: string): Promise<SendResult> {
  try {
    const response = await fetch(`/api/history/${encodeURIComponent(id)}/resend`, { method: "POST" });
    return await parseSendResponse(response);
  } catch {
    return { ok: false, message: "The console's server could not be reached. Nothing was sent.", fields: [] };
  }
}
