import { z } from "zod";
import { apiKeyText, normalizeBaseUrl } from "./key-format";

/** What the browser may know about an environment: never its key, at most the key's last four characters. */
// Stryker disable all: only the type is used (z.infer); nothing parses with this schema at run time
export const environmentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["sandbox", "env", "stored"]),
  region: z.enum(["us", "eu", "custom", "sandbox"]),
  baseUrl: z.string(),
  isProduction: z.boolean(),
  keyLast4: z.string().nullable(),
  /** The stored key no longer decrypts (another APP_SECRET, or its row was moved to another URL). */
  keyUnreadable: z.boolean(),
  isDefault: z.boolean(),
  label: z.string(),
});
// Stryker restore all
export type EnvironmentSummary = z.infer<typeof environmentSummarySchema>;

export const SANDBOX_ID = "sandbox";
export const ENV_VARIABLE_ID = "env";

export const environmentInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: "Enter a name" }).max(60, { error: "Use at most 60 characters" }),
    region: z.enum(["us", "eu", "custom"]),
    baseUrl: z.string().trim().max(300),
    apiKey: apiKeyText,
    isProduction: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if (value.region !== "custom") return;
    const problem = baseUrlProblem(value.baseUrl);
    if (problem) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: problem });
  })
  .transform((value) => ({ ...value, baseUrl: value.region === "custom" ? normalizeBaseUrl(value.baseUrl) : "" }));
export type EnvironmentInput = z.infer<typeof environmentInputSchema>;

function baseUrlProblem(raw: string): string | undefined {
  const example = "Enter the base URL, e.g. https://proxy.example.com";
  if (!URL.canParse(raw) || /\s/.test(raw)) return example;
  const url = new URL(raw);
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${example} (http or https only)`;
  if (url.username || url.password) return "Leave the user name and password out of the base URL";
  if (url.search || url.hash) return "Leave the query and the # part out of the base URL";
  return undefined;
}

export const KEY_UNREADABLE_MESSAGE =
  "This environment's key can't be read with the current APP_SECRET: enter it again in Settings > Environments";

export const newEnvironmentSchema = environmentInputSchema.refine((value) => value.apiKey.length > 0, {
  path: ["apiKey"],
  error: "Enter the API key (Userpilot: Settings > Environment; not the App Token)",
});
