import type { Identifies, IdentifyFormValues, PropertyRow } from "./schema";

// The form's values without their rules: what the Identify page needs before anything is checked (the rules
// and zod load with the first check, components/identify/identify-form.tsx).

/** The part of the values a send of this kind carries: a company send drops the (hidden) user part. */
export function sentValues(values: IdentifyFormValues, identifies: Identifies): IdentifyFormValues {
  return identifies === "company" ? { ...values, userId: "", properties: [] } : values;
}

export const emptyRow = (): PropertyRow => ({ name: "", type: "string", value: "" });

export const emptyFormValues = (): IdentifyFormValues => ({
  userId: "",
  properties: [],
  companyId: "",
  companyProperties: [],
});
