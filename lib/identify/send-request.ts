import { z } from "zod";
import { IDENTIFIES, identifyCompanyFormSchema, identifyFormSchema, type IdentifyFormValues } from "./schema";

/**
 * POST /api/identify's body with `values` still unchecked: what they identify (a user, the default, or a
 * company on its own), where they go, and the history entry they replay. The route reads this first, so
 * values that are refused are still recorded against their environment and the entry they replay.
 */
export const identifySendEnvelopeSchema = z.object({
  /** null: the default environment. */
  environmentId: z
    .string()
    .min(1, "environmentId must be the id of an environment, or null for the default")
    .max(100, "environmentId must be the id of an environment")
    .nullable(),
  replayOf: z.uuid({ error: "replayOf must be the id of a history entry" }).nullable(),
  identifies: z.enum(IDENTIFIES, { error: 'identifies must be "user" or "company"' }).default("user"),
  values: z.unknown(),
});

/** The whole body, its values checked by the rules of what they identify (formSchemaFor). */
export const identifySendRequestSchema = z.discriminatedUnion("identifies", [
  identifySendEnvelopeSchema.extend({ identifies: z.literal("user"), values: identifyFormSchema }),
  identifySendEnvelopeSchema.extend({ identifies: z.literal("company"), values: identifyCompanyFormSchema }),
]);

/** What the browser sends: the form's values, as they stand, with the envelope. */
export type IdentifySendRequest = Omit<z.input<typeof identifySendEnvelopeSchema>, "values"> & {
  values: IdentifyFormValues;
};

// Field errors name the field in the request body (`values.userId`); the form names it without the prefix.
const VALUES = "values";

/** A form field's path as it stands in the request body. */
export const requestPath = (formPath: string) => (formPath === "" ? VALUES : `${VALUES}.${formPath}`);

/** A request-body path as the form names it; undefined for a path outside the values (`environmentId`). */
export function formPath(path: string): string | undefined {
  return path.startsWith(`${VALUES}.`) ? path.slice(VALUES.length + 1) : undefined;
}
