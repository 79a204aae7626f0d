import { randomBytes } from "node:crypto";
import type { SandboxResponse } from "./types";

/** One entry of Userpilot's documented error body: `{ "errors": [ { error, error_code, message, details } ] }`. */
export type ApiError = {
  error: string;
  error_code: string;
  message: string;
  details: { field?: string };
};

export function newRequestId(): string {
  return `sbx_${randomBytes(12).toString("hex")}`;
}

export function jsonResponse(
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-request-id": newRequestId(), ...headers },
    body: JSON.stringify(payload),
  };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { "x-request-id": newRequestId(), ...headers }, body: "" };
}

export function errorResponse(
  status: number,
  errors: ApiError[],
  headers: Record<string, string> = {},
): SandboxResponse {
  return jsonResponse(status, { errors }, headers);
}

const REASON_PHRASES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  500: "Internal Server Error",
};

/** A response carrying a single error, titled with the status's reason phrase. */
export function singleErrorResponse(
  status: number,
  errorCode: string,
  message: string,
  options: { field?: string; headers?: Record<string, string> } = {},
): SandboxResponse {
  const details = options.field === undefined ? {} : { field: options.field };
  const error = REASON_PHRASES[status] ?? "Error";
  return errorResponse(status, [{ error, error_code: errorCode, message, details }], options.headers);
}

export function notFound(path: string): SandboxResponse {
  return singleErrorResponse(404, "not_found", `No endpoint at ${path}`);
}

export function methodNotAllowed(method: string, allowed: readonly string[]): SandboxResponse {
  return singleErrorResponse(
    405,
    "method_not_allowed",
    `${method} is not allowed here; use ${allowed.join(", ")}`,
    {
      headers: { allow: allowed.join(", ") },
    },
  );
}
