import { z } from "zod";

// The known profile: what this console sent and Userpilot accepted (2xx), folded in accepted order. It is
// "as sent from this console", never "what Userpilot holds" (others may write the same profile). Universal:
// the routes answer these shapes, the browser reads them with the same schemas.

export const KNOWN_VALUE_TYPES = ["string", "numeric", "date"] as const;
export type KnownValueType = (typeof KNOWN_VALUE_TYPES)[number];

export const PROPERTY_GROUPS = ["user", "company"] as const;
export type ProfileGroup = (typeof PROPERTY_GROUPS)[number];

/** What a profile's heading says wherever it is shown. */
export const KNOWN_PROFILE_LABEL = "as sent from this console";

export const knownValueSchema = z.object({
  /** As encoded on the wire: numbers as numbers, dates as ISO 8601 text; a masked value is "[redacted]". */
  value: z.union([z.string(), z.number()]),
  type: z.enum(KNOWN_VALUE_TYPES),
  /** When the send that set it was accepted (epoch ms: the history row's outcome time). */
  changedAt: z.number(),
  /** The staff member's email, or null for a send without one. */
  changedBy: z.string().nullable(),
  /** The history row of that send: /history/[historyId]. */
  historyId: z.string(),
  /** The history masks this name (HISTORY_REDACT_KEYS): the value is "[redacted]", the type is right. */
  masked: z.boolean(),
});
export type KnownValue = z.infer<typeof knownValueSchema>;

const properties = z.record(z.string(), knownValueSchema);

export const knownUserProfileSchema = z.object({
  userId: z.string(),
  /** The company of the last accepted send that named one; null when none ever did. */
  companyId: z.string().nullable(),
  properties,
  lastSentAt: z.number(),
  lastHistoryId: z.string(),
});
export type KnownUserProfile = z.infer<typeof knownUserProfileSchema>;

export const knownCompanyProfileSchema = z.object({
  companyId: z.string(),
  properties,
  lastSentAt: z.number(),
  lastHistoryId: z.string(),
  /** User ids whose last company (as sent from this console) is this one, sorted. */
  members: z.array(z.string()),
});
export type KnownCompanyProfile = z.infer<typeof knownCompanyProfileSchema>;

/** GET /api/profiles/users/[userId]?environmentId=… */
export const userProfileResponseSchema = z.object({ profile: knownUserProfileSchema.nullable() });
export type UserProfileResponse = z.infer<typeof userProfileResponseSchema>;

/** GET /api/profiles/companies/[companyId]?environmentId=… */
export const companyProfileResponseSchema = z.object({ profile: knownCompanyProfileSchema.nullable() });
export type CompanyProfileResponse = z.infer<typeof companyProfileResponseSchema>;

const count = z.number().int().nonnegative();

export const registryEntrySchema = z.object({
  name: z.string(),
  group: z.enum(PROPERTY_GROUPS),
  /** How many accepted sends carried the name as each type (removals are not counted). */
  types: z.object({ string: count.optional(), numeric: count.optional(), date: count.optional() }),
  /** The type sent most often; on a tie, the one sent first. */
  established: z.enum(KNOWN_VALUE_TYPES),
  total: count,
});
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

/** GET /api/profiles/registry?environmentId=… : sorted by group, then name. */
export const registryResponseSchema = z.object({ entries: z.array(registryEntrySchema) });
export type RegistryResponse = z.infer<typeof registryResponseSchema>;

/** The query every profile route takes. */
export const profileQuerySchema = z.object({
  environmentId: z
    .string({ error: "environmentId is missing: name the environment whose profiles to read" })
    .min(1, "environmentId is missing: name the environment whose profiles to read")
    .max(200, "environmentId is too long"),
});
