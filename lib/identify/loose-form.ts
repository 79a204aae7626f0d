import { z } from "zod";
import { propertyRowSchema, type IdentifyFormValues, type PropertyRow } from "./schema";

// The form's shape without its rules, for values that are not (or no longer) known to be valid: a refused
// body, or a record read back from the history. A group that is not a list of rows reads as none.

function looseForm<Row extends z.ZodType>(row: Row, text: z.ZodString) {
  const rows = z.array(row).max(1000).catch([]);
  return z.object({
    userId: text,
    companyId: text.catch(""),
    properties: rows,
    companyProperties: rows,
  }) satisfies z.ZodType<Record<keyof IdentifyFormValues, unknown>>;
}

/** A refused body as far as it can be kept: every field as text, a row's type too (it may be the problem). */
export const refusedFormSchema = looseForm(
  z.object({ name: z.string().max(1000), type: z.string().max(20), value: z.string().max(70_000) }) satisfies z.ZodType<
    Record<keyof PropertyRow, string>
  >,
  z.string().max(1000),
);
export type RefusedFormValues = z.infer<typeof refusedFormSchema>;

/** A recorded request's values: the form's own rows (a known type) without the rules that check them. */
export const recordedFormSchema = looseForm(z.object(propertyRowSchema.shape), z.string());

/** The property rows of any of the above, by group: what masking and field mapping need. */
export type LooseRows = Pick<RefusedFormValues, "properties" | "companyProperties">;
