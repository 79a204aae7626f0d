import { z } from "zod";
import type { LooseRows } from "@/lib/identify/loose-form";

/** Userpilot's documented error body: { errors: [{ error, error_code, message, details }] }. */
const errorBodySchema = z.object({
  errors: z
    .array(
      z.object({
        error: z.unknown().optional(),
        error_code: z.unknown().optional(),
        message: z.unknown().optional(),
        details: z.unknown().optional(),
      }),
    )
    .min(1),
});

export type UpstreamError = { message: string; field?: string };

function asText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function fieldOf(details: unknown, message: string): string | undefined {
  if (typeof details === "object" && details !== null && "field" in details) {
    const field = asText((details as { field: unknown }).field);
    if (field) return field;
  }
  const named = /\b(user_id|company\.[\w.-]+|company|metadata\.[\w.-]+)\b/.exec(message);
  return named?.[1];
}

/** Reads whatever Userpilot sent back; an empty or non-JSON body yields nothing. */
export function parseUpstreamErrors(body: string): UpstreamError[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.errors.map((entry) => {
    const message =
      asText(entry.message) ?? asText(entry.error) ?? asText(entry.error_code) ?? "Userpilot rejected the request";
    const field = fieldOf(entry.details, message);
    return field ? { message, field } : { message };
  });
}

/** Just the names of the form's rows, by group. */
type NamedRows = { [Group in keyof LooseRows]: Pick<LooseRows[Group][number], "name">[] };

/** Maps a Userpilot field path (user_id, company.id, metadata.plan, company.plan) onto the form's field. */
export function formFieldFor(upstreamField: string, values: NamedRows): string | undefined {
  if (upstreamField === "user_id") return "userId";
  if (upstreamField === "company" || upstreamField === "company.id") return "companyId";
  const metadata = /^metadata\.(.+)$/.exec(upstreamField);
  if (metadata) {
    const index = values.properties.findIndex((row) => row.name === metadata[1]);
    return index >= 0 ? `properties.${index}.value` : undefined;
  }
  const company = /^company\.(.+)$/.exec(upstreamField);
  if (company) {
    const index = values.companyProperties.findIndex((row) => row.name === company[1]);
    return index >= 0 ? `companyProperties.${index}.value` : undefined;
  }
  return undefined;
}
