import { z } from "zod";
import { identifyFormSchema } from "./schema";

/** POST /api/identify's body: the form's values, where they go, and the history entry they replay. */
export const identifySendRequestSchema = z.object({
  /** null: the default environment. */
  environmentId: z
    .string()
    .min(1, "environmentId must be the id of an environment, or null for the default")
    .max(100, "environmentId must be the id of an environment")
    .nullable(),
  replayOf: z.uuid({ error: "replayOf must be the id of a history entry" }).nullable(),
  values: identifyFormSchema,
});
export type IdentifySendRequest = z.infer<typeof identifySendRequestSchema>;

/**
 * The same body with `values` still unchecked: the route reads where a send goes first, so values that are
 * refused are still recorded against their environment and the entry they replay.
 */
export const identifySendEnvelopeSchema = identifySendRequestSchema.extend({ values: z.unknown() });

// Field errors name the field in the request body (`values.userId`); the form names it without the prefix.
const VALUES = "values";

/** A form field's path as it stands in the request body. */
export const requestPath = (formPath: string) => (formPath === "" ? VALUES : `${VALUES}.${formPath}`);

/** A request-body path as the form names it; undefined for a path outside the values (`environmentId`). */
export function formPath(path: string): string | undefined {
  return path.startsWith(`${VALUES}.`) ? path.slice(VALUES.length + 1) : undefined;
}
