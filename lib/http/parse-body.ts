import "server-only";
import type { z } from "zod";
import { ApiError } from "./api-error";
import { readJsonBody } from "./json-body";
import { fieldErrors } from "./responses";

/**
 * The request's JSON body read with `schema`; a body that is missing, too large, not JSON or not valid
 * throws the ApiError to answer with (a 400 naming each refused field by its path).
 */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  message = "Some fields need attention",
): Promise<z.output<S>> {
  const body = await readJsonBody(request);
  if (!body.ok) throw new ApiError(body.status, body.code, body.message);
  const parsed = schema.safeParse(body.json);
  if (!parsed.success) throw new ApiError(400, "invalid_request", message, fieldErrors(parsed.error));
  return parsed.data;
}
