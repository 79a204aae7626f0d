import "server-only";
import type { z } from "zod";
import { ApiError } from "./api-error";
import { MAX_BODY_BYTES, readJsonBody } from "./json-body";
import { fieldErrors } from "./responses";

/** At most this many field errors are answered: a file of 100,000 bad rows must not make a 100 MB answer. */
export const MAX_FIELD_ERRORS = 200;

/**
 * The request's JSON body read with `schema`; a body that is missing, larger than `maxBytes`, not JSON or not
 * valid throws the ApiError to answer with (a 400 naming each refused field by its path, the first 200).
 */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  message = "Some fields need attention",
  maxBytes = MAX_BODY_BYTES,
): Promise<z.output<S>> {
  const body = await readJsonBody(request, maxBytes);
  if (!body.ok) throw new ApiError(body.status, body.code, body.message);
  const parsed = schema.safeParse(body.json);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const shown = fields.slice(0, MAX_FIELD_ERRORS);
    const more = fields.length > shown.length ? ` (the first ${shown.length} of ${fields.length} are listed)` : "";
    throw new ApiError(400, "invalid_request", `${message}${more}`, shown);
  }
  return parsed.data;
}
