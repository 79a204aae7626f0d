import { z } from "zod";
import { propertyGroupIssues } from "@/lib/identify/group-rules";
import { identifyFormSchema, propertyRowSchema } from "@/lib/identify/schema";
import { companyIdProblem } from "@/lib/identify/text-rules";

// The plan the /bulk page POSTs to /api/bulk/jobs, checked with the same rules as the Identify form.
// Universal: the browser checks rows with it before anything is sent, the route again before storing.

export const MAX_JOB_ROWS = 100_000;
/** The route's own body cap: 100,000 typed rows are far more than the 1 MB the other routes take. */
export const MAX_JOB_BODY_BYTES = 50 * 1024 * 1024;

export const BULK_KINDS = ["users", "companies"] as const;
export type BulkKind = (typeof BULK_KINDS)[number];
export const BULK_MODES = ["realtime", "bulk"] as const;
export type BulkMode = (typeof BULK_MODES)[number];

/** One company for Identify Company: its id (required here) and its typed properties. */
export const companyValuesSchema = z
  .object({
    companyId: z.string({ error: "Company ID must be text" }),
    properties: z.array(propertyRowSchema, { error: "Company properties must be a list of rows" }),
  })
  .superRefine((values, ctx) => {
    const problem = values.companyId === "" ? "Company ID is required" : companyIdProblem(values.companyId);
    if (problem) ctx.addIssue({ code: "custom", path: ["companyId"], message: problem });
    for (const issue of propertyGroupIssues("company", values.properties)) {
      ctx.addIssue({ code: "custom", path: ["properties", ...issue.path], message: issue.message });
    }
  });
export type CompanyValues = z.infer<typeof companyValuesSchema>;

const line = z.number({ error: "line must be the row's line number in the file" }).int().min(1);
const rows = <T extends z.ZodType>(values: T) =>
  z
    .array(z.object({ line, values }), { error: "rows must be a list" })
    .min(1, { error: "There are no rows to send" })
    .max(MAX_JOB_ROWS, { error: `At most ${MAX_JOB_ROWS.toLocaleString("en-US")} rows can be sent in one job` });

const common = {
  environmentId: z.string().max(100).nullable(),
  mode: z.enum(BULK_MODES, { error: "mode must be realtime or bulk" }),
};

export const jobPlanSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...common, kind: z.literal("users"), rows: rows(identifyFormSchema) }),
    z.object({ ...common, kind: z.literal("companies"), rows: rows(companyValuesSchema) }),
  ],
  { error: "kind must be users or companies" },
);
export type JobPlan = z.infer<typeof jobPlanSchema>;
export type JobPlanInput = z.input<typeof jobPlanSchema>;
