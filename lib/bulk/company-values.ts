import { z } from "zod";
import { propertyGroupIssues } from "@/lib/identify/group-rules";
import { propertyRowSchema } from "@/lib/identify/schema";
import { companyIdProblem } from "@/lib/identify/text-rules";

// Identify Company takes what the Identify form's company part takes, with the id required: the same rules,
// from the same helpers, so a company row is refused in bulk exactly where the form would refuse it.
export const companyFormSchema = z
  .object({
    companyId: z.string().superRefine((value, ctx) => {
      const message = value === "" ? "Company ID is required" : companyIdProblem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    }),
    companyProperties: z.array(propertyRowSchema),
  })
  .superRefine((form, ctx) => {
    for (const issue of propertyGroupIssues("company", form.companyProperties)) {
      ctx.addIssue({ code: "custom", path: ["companyProperties", ...issue.path], message: issue.message });
    }
  });
export type CompanyFormValues = z.infer<typeof companyFormSchema>;
