import { z } from "zod";

/** What the browser may know about an environment: never its key, at most the key's last four characters. */
export const environmentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["sandbox", "env", "stored"]),
  region: z.enum(["us", "eu", "custom", "sandbox"]),
  baseUrl: z.string(),
  isProduction: z.boolean(),
  keyLast4: z.string().nullable(),
  isDefault: z.boolean(),
  label: z.string(),
});
export type EnvironmentSummary = z.infer<typeof environmentSummarySchema>;

export const SANDBOX_ID = "sandbox";
export const ENV_VARIABLE_ID = "env";

export const environmentInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: "Enter a name" }).max(60, { error: "Use at most 60 characters" }),
    region: z.enum(["us", "eu", "custom"]),
    baseUrl: z.string().trim().max(300),
    apiKey: z.string().trim().max(500),
    isProduction: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if (value.region === "custom" && !/^https?:\/\/[^\s]+$/.test(value.baseUrl)) {
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "Enter the base URL, e.g. https://proxy.example.com" });
    }
  });
export type EnvironmentInput = z.infer<typeof environmentInputSchema>;

export const newEnvironmentSchema = environmentInputSchema.refine((value) => value.apiKey.length > 0, {
  path: ["apiKey"],
  error: "Enter the API key (Userpilot: Settings > Environment; not the App Token)",
});
