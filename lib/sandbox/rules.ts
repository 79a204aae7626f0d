import { z } from "zod";

/** Userpilot's documented cap on records in one bulk request (over it: 413). */
export const MAX_BULK_RECORDS = 10_000;

// Messages are written to follow the field path: "metadata.plan must be a string, ...".
const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: "must be a string, number, boolean or null",
});

function requiredString(whenMissing = "is required") {
  return z
    .string({ error: (issue) => (issue.input === undefined ? whenMissing : "must be a string") })
    .min(1, { error: "must not be empty" });
}

function jsonObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.object(shape, { error: "must be a JSON object" });
}

const metadata = z.record(z.string(), primitive, { error: "must be an object" }).optional();

const companyReference = z
  .object({ id: requiredString("is required when company is sent") }, { error: "must be an object" })
  .catchall(primitive)
  .optional();

export const identifyUserBody = jsonObject({
  user_id: requiredString(),
  metadata,
  company: companyReference,
});

export const identifyCompanyBody = jsonObject({ company_id: requiredString(), metadata });

export const trackEventBody = jsonObject({
  user_id: requiredString(),
  event_name: requiredString(),
  metadata,
});

export const bulkUserRecord = jsonObject({
  user_id: requiredString(),
  company_id: requiredString().optional(),
  metadata,
});

export const bulkCompanyRecord = jsonObject({ company_id: requiredString(), metadata });

// Bulk bodies are checked in two passes: the envelope first, so that an oversized request gets its 413
// before ten thousand records are validated one by one.
const recordList = z.array(z.unknown(), { error: "must be an array of records" });
export const bulkUsersEnvelope = jsonObject({ users: recordList });
export const bulkCompaniesEnvelope = jsonObject({ companies: recordList });

export const bulkUsersBody = jsonObject({
  users: z.array(bulkUserRecord).min(1, { error: "must contain at least one record" }),
});
export const bulkCompaniesBody = jsonObject({
  companies: z.array(bulkCompanyRecord).min(1, { error: "must contain at least one record" }),
});

export type IdentifyUserBody = z.infer<typeof identifyUserBody>;
export type IdentifyCompanyBody = z.infer<typeof identifyCompanyBody>;
export type BulkUserRecord = z.infer<typeof bulkUserRecord>;
export type BulkCompanyRecord = z.infer<typeof bulkCompanyRecord>;
