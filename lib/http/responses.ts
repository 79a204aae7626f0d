import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { KEY_UNREADABLE_MESSAGE } from "@/lib/environments/types";
import type { ApiErrorBody } from "@/lib/outcome/schema";
import type { ApiErrorCode, FieldError } from "./error-codes";

export function apiError(status: number, code: ApiErrorCode, message: string, fields?: FieldError[]) {
  const body: ApiErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return NextResponse.json(body, { status });
}

/** The environment's stored key does not open: nothing was sent and nothing recorded. */
export function keyUnreadableError() {
  return apiError(409, "key_unreadable", KEY_UNREADABLE_MESSAGE);
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
