import { z } from "zod";

/** A field refused by the console or by Userpilot, named by its path in the request body (`values.userId`). */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The answer of POST /api/identify once the request reached (or tried to reach) Userpilot. */
export const sendOutcomeSchema = z.object({
  historyId: z.string(),
  status: z.string(),
  httpStatus: z.number().int().nullable(),
  requestId: z.string().nullable(),
  latencyMs: z.number(),
  attempts: z.number().int(),
  /** Userpilot's own words from the error body, or what went wrong on the way. */
  message: z.string().nullable(),
  /** Upstream errors mapped onto the fields of the request, e.g. { path: "values.properties.2.value" }. */
  fieldErrors: z.array(fieldErrorSchema),
  /** Set when the send happened but the history could not record its outcome: why, in words. */
  notRecorded: z.string().optional(),
});
export type SendOutcome = z.infer<typeof sendOutcomeSchema>;

/** The one error shape every route answers with. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
