import { z } from "zod";

/** The outcome groups a person filters by; each history row has exactly one (statusKind of its status). */
export const OUTCOME_FILTERS = [
  { value: "accepted", label: "Accepted (2xx)" },
  { value: "redirect", label: "Redirect (3xx)" },
  { value: "bad_request", label: "Bad request (4xx)" },
  { value: "unauthorized", label: "Unauthorized (401)" },
  { value: "rate_limited", label: "Rate limited (429)" },
  { value: "server_error", label: "Server error (5xx)" },
  { value: "timeout", label: "Timeout" },
  { value: "network_error", label: "Network error" },
  { value: "rejected", label: "Rejected by form" },
  { value: "pending", label: "Pending" },
  { value: "unknown", label: "Outcome unknown" },
] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number]["value"];
const outcomeValues = OUTCOME_FILTERS.map((o) => o.value) as [OutcomeFilter, ...OutcomeFilter[]];

const text = z
  .string()
  .trim()
  .max(255)
  // No stored ID holds one (PostgreSQL text can't).
  .refine((value) => !value.includes("\u0000"), "must not contain a NUL character (U+0000)")
  .optional()
  .transform((value) => value || undefined);
const isoTime = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: "must be a date and time, e.g. 2025-02-01T10:00:00Z" });
      return z.NEVER;
    }
    return ms;
  });

/** History filters as they travel in the URL, so a filtered view can be shared. */
export const historyFiltersSchema = z.object({
  outcome: z
    .union([z.enum(outcomeValues), z.array(z.enum(outcomeValues))])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? [...new Set(value)] : [value])),
  user: text,
  company: text,
  match: z.enum(["exact", "prefix"]).default("exact"),
  from: isoTime,
  to: isoTime,
  /** The bulk job that sent the rows. */
  job: z.uuid({ error: "must be the id of a bulk job" }).optional(),
});
export type HistoryFilters = z.output<typeof historyFiltersSchema>;
export type HistoryFiltersInput = z.input<typeof historyFiltersSchema>;

export const historyPageQuerySchema = historyFiltersSchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HistoryPageQuery = z.output<typeof historyPageQuerySchema>;

/** Reads a URLSearchParams (several `outcome` entries allowed) into the shape the schema expects. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = key === "outcome" ? values : (values[0] ?? "");
  }
  return result;
}

export function filtersToSearchParams(filters: Partial<HistoryFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const outcome of filters.outcome ?? []) params.append("outcome", outcome);
  if (filters.user) params.set("user", filters.user);
  if (filters.company) params.set("company", filters.company);
  if ((filters.user || filters.company) && filters.match === "prefix") params.set("match", "prefix");
  if (filters.from !== undefined) params.set("from", new Date(filters.from).toISOString());
  if (filters.to !== undefined) params.set("to", new Date(filters.to).toISOString());
  if (filters.job) params.set("job", filters.job);
  return params;
}
