import "server-only";
import type { ApiErrorCode, FieldError } from "./error-codes";
import { apiError } from "./responses";

/** Thrown from anywhere in a handler; `answeringErrors` (inside `guarded`) turns it into the error answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The history can't be written, so nothing was sent: record-before-send holds, and the answer says why. */
export function historyUnavailable(reason: string): ApiError {
  return new ApiError(
    503,
    "history_unavailable",
    `Nothing was sent: the history can't be written (${reason}). Ask whoever runs the console to check its database.`,
  );
}

/** Wraps a handler so a thrown ApiError becomes `{ error: { code, message, fields? } }` with its status. */
export function answeringErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ApiError) return apiError(error.status, error.code, error.message, error.fields);
      throw error;
    }
  };
}
