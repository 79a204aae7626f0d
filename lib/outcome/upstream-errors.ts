import { z } from "zod";
import type { LooseRows } from "@/lib/identify/loose-form";
import type { Identifies } from "@/lib/identify/schema";

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
  const named = /\b(user_id|company_id|company\.[\w.-]+|company|metadata\.[\w.-]+)\b/.exec(message);
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

/**
 * Maps a Userpilot field path onto the form's field: user_id, company.id, metadata.plan and company.plan for
 * Identify User; company_id and metadata.plan (a company property) for Identify Company.
 */
export function formFieldFor(upstreamField: string, values: NamedRows, identifies: Identifies = "user"): string | undefined {
  if (upstreamField === "user_id") return "userId";
  if (upstreamField === "company" || upstreamField === "company.id" || upstreamField === "company_id") return "companyId";
  const metadata = /^metadata\.(.+)$/.exec(upstreamField);
  if (metadata) return rowValue(identifies === "company" ? "companyProperties" : "properties", values, metadata[1]);
  const company = /^company\.(.+)$/.exec(upstreamField);
  if (company) return rowValue("companyProperties", values, company[1]);
  return undefined;
}

function rowValue(group: keyof NamedRows, values: NamedRows, name: string | undefined): string | undefined {
  const index = values[group].findIndex((row) => row.name === name);
  return index >= 0 ? `${group}.${index}.value` : undefined;
}

// A letter, digit or underscore next to a name means the message names something longer (plan in plan_tier).
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * The row a message names when it names no field path ("Metadata value for plan_tier is not allowed"): only
 * when exactly one of the form's rows has a name the message contains as a whole word; otherwise undefined.
 */
export function formFieldNamedIn(message: string, values: NamedRows): string | undefined {
  const named = (["properties", "companyProperties"] as const).flatMap((group) =>
    values[group].flatMap((row, index) => (row.name !== "" && namesWord(message, row.name) ? [`${group}.${index}.value`] : [])),
  );
  return named.length === 1 ? named[0] : undefined;
}

function namesWord(message: string, word: string): boolean {
  for (let at = message.indexOf(word); at >= 0; at = message.indexOf(word, at + 1)) {
    const before = message[at - 1];
    const after = message[at + word.length];
    if ((before === undefined || !WORD_CHARACTER.test(before)) && (after === undefined || !WORD_CHARACTER.test(after))) {
      return true;
    }
  }
  return false;
}

/** The form field an upstream error is about: the field it names, else a row its message names. */
export function formFieldOf(error: UpstreamError, values: NamedRows, identifies: Identifies = "user"): string | undefined {
  return (error.field ? formFieldFor(error.field, values, identifies) : undefined) ?? formFieldNamedIn(error.message, values);
}
