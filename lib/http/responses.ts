import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { KEY_UNREADABLE_MESSAGE } from "@/lib/environments/types";
import type { ApiError } from "@/lib/outcome/schema";

export function apiError(status: number, code: string, message: string, fields?: ApiError["error"]["fields"]) {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
  return NextResponse.json(body, { status });
}

/** The environment's stored key does not open: nothing was sent and nothing recorded. */
export function keyUnreadableError() {
  return apiError(409, "key_unreadable", KEY_UNREADABLE_MESSAGE);
}

export function fieldErrors(error: z.ZodError): NonNullable<ApiError["error"]["fields"]> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** The history can't be written, so nothing was sent: record-before-send holds, and the answer says why. */
export function historyUnavailableError(reason: string) {
  return apiError(
    503,
    "history_unavailable",
    `Nothing was sent: the history can't be written (${reason}). Ask whoever runs the console to check its database.`,
  );
}
