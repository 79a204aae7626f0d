import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { getRequest } from "@/lib/history/queries";
import { replayValues } from "@/lib/history/replay";
import { identifyFormSchema } from "@/lib/identify/schema";
import { sendIdentify } from "@/lib/sending/send-identify";

// POST /api/history/[id]/resend – send the same request again, as a new history row linked to this one
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const row = await getRequest(await db(), id);
  if (!row) return apiError(404, "not_found", "No request with that id in the history");
  const parsed = identifyFormSchema.safeParse(replayValues(row).values);
  if (!parsed.success) {
    return apiError(400, "invalid_request", "This request has invalid fields; use Edit and resend to fix them", fieldErrors(parsed.error));
  }
  const outcome = await sendIdentify(parsed.data, { source: "replay", replayOf: id, sentBy: null });
  return NextResponse.json({ outcome });
}
