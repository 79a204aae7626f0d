import type { z } from "zod";
import { errorResponse, singleErrorResponse, type ApiError } from "./responses";
import type { SandboxResponse } from "./types";

export type Checked<T> = { ok: true; value: T } | { ok: false; response: SandboxResponse };

export function parseJsonBody(raw: string): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return {
      ok: false,
      response: singleErrorResponse(400, "invalid_json", "The request body must be valid JSON"),
    };
  }
}

/** `["users", 3, "metadata", "plan"]` -> `"users[3].metadata.plan"`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      const name = String(segment);
      return index === 0 ? name : `.${name}`;
    })
    .join("");
}

function toApiError(issue: z.core.$ZodIssue): ApiError {
  if (issue.path.length === 0) {
    return {
      error: "Bad Request",
      error_code: "validation_error",
      message: `The request body ${issue.message}`,
      details: {},
    };
  }
  const field = formatFieldPath(issue.path);
  return {
    error: "Bad Request",
    error_code: "validation_error",
    message: `${field} ${issue.message}`,
    details: { field },
  };
}

/** Checks a parsed body against a schema; every problem becomes one entry of the 400 error body. */
export function checkBody<T>(schema: z.ZodType<T>, body: unknown): Checked<T> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: errorResponse(400, result.error.issues.map(toApiError)) };
}

/** Parses a raw JSON body and checks it against a schema: the usual first step of a /v1 handler. */
export function readBody<T>(schema: z.ZodType<T>, raw: string): Checked<T> {
  const parsed = parseJsonBody(raw);
  return parsed.ok ? checkBody(schema, parsed.value) : parsed;
}
