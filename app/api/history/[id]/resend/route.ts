import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { resendEntry } from "@/lib/sending/send-service";

type Context = { params: Promise<{ id: string }> };

// POST /api/history/[id]/resend – send the same request again, to the same environment, as a new linked row
export const POST = guarded("identify:send", async (_request, actor, { params }: Context) => {
  const { id } = await params;
  return NextResponse.json({ outcome: await resendEntry(id, actor.email) });
});
