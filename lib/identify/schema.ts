import { z } from "zod";
import { propertyGroupIssues, type PropertyGroup } from "./group-rules";
import { PROPERTY_TYPES } from "./property-types";
import { propertyValueProblem } from "./property-value";
import { companyIdProblem, propertyNameProblem, userIdProblem } from "./text-rules";

export { PROPERTY_TYPES, type PropertyType } from "./property-types";
export { emptyFormValues, emptyRow, sentValues } from "./form-values";

// Validation only, no transforms: the form must keep exactly what the user typed, and the
// route receives the same shape. Encoding for Userpilot happens in payload.ts.

const text = (label: string, problem?: (value: string) => string | undefined) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${label} is missing` : `${label} must be text`),
    })
    .superRefine((value, ctx) => {
      const message = problem?.(value);
      if (message) ctx.addIssue({ code: "custom", message });
    });

export const propertyRowSchema = z
  .object({
    name: text("Property name"),
    type: z.enum(PROPERTY_TYPES, { error: "Choose a type: String, Numeric, Date or Remove" }),
    value: text("Value"),
  })
  .superRefine((row, ctx) => {
    const nameProblem = propertyNameProblem(row.name);
    if (nameProblem) ctx.addIssue({ code: "custom", path: ["name"], message: nameProblem });
    const valueProblem = propertyValueProblem(row.type, row.value);
    if (valueProblem) ctx.addIssue({ code: "custom", path: ["value"], message: valueProblem });
  });

const propertyRows = (label: string) =>
  z.array(propertyRowSchema, { error: `${label} must be a list of rows` });

const GROUP_FIELDS = { user: "properties", company: "companyProperties" } as const satisfies Record<
  PropertyGroup,
  string
>;

export const identifyFormSchema = z
  .object({
    userId: text("User ID", userIdProblem),
    properties: propertyRows("User properties"),
    companyId: text("Company ID", companyIdProblem),
    companyProperties: propertyRows("Company properties"),
  })
  .superRefine((form, ctx) => {
    for (const group of ["user", "company"] as const) {
      const field = GROUP_FIELDS[group];
      for (const issue of propertyGroupIssues(group, form[field])) {
        ctx.addIssue({ code: "custom", path: [field, ...issue.path], message: issue.message });
      }
    }
    if (form.companyId === "" && form.companyProperties.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["companyId"],
        message: "Company ID is required when company properties are set",
      });
    }
  });

/** What a send identifies: a user (Identify User, with an optional company) or a company on its own. */
export const IDENTIFIES = ["user", "company"] as const;
export type Identifies = (typeof IDENTIFIES)[number];

/**
 * Identify Company's values: the company part alone. The user part stays in the form's shape but must be
 * empty, so nothing typed for a user is silently dropped from a company send.
 */
export const identifyCompanyFormSchema = z
  .object({
    userId: z.literal("", { error: "A company is identified without a user: leave User ID empty" }),
    properties: propertyRows("User properties").max(0, { error: "A company is identified without user properties" }),
    companyId: text("Company ID", companyIdProblem),
    companyProperties: propertyRows("Company properties"),
  })
  .superRefine((form, ctx) => {
    for (const issue of propertyGroupIssues("company", form.companyProperties)) {
      ctx.addIssue({ code: "custom", path: ["companyProperties", ...issue.path], message: issue.message });
    }
    if (form.companyId === "") {
      ctx.addIssue({ code: "custom", path: ["companyId"], message: "Company ID is required to identify a company" });
    }
  });

/** The values' schema for what a send identifies. */
export const formSchemaFor = (identifies: Identifies) =>
  identifies === "company" ? identifyCompanyFormSchema : identifyFormSchema;

export type PropertyRow = z.infer<typeof propertyRowSchema>;
export type IdentifyFormValues = z.infer<typeof identifyFormSchema>;
