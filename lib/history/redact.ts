import type { LooseRows } from "@/lib/identify/loose-form";
import type { FieldError } from "@/lib/outcome/schema";

export const REDACTED = "[redacted]";

declare const masked: unique symbol;
/** Data these functions have masked: the only kind the history store takes. */
export type Redacted<T> = T & { readonly [masked]: true };

type Row = LooseRows["properties"][number];
type FormLike = LooseRows;

// Property names match case-insensitively: "Email" is as personal as "email".
const nameSet = (names: Iterable<string>) => new Set([...names].map((name) => name.toLowerCase()));
const isMasked = (names: ReadonlySet<string>, name: string) => names.has(name.toLowerCase());

// A Remove row sends null: whatever was typed before the switch to Remove is kept nowhere.
function maskRows<T extends Row>(rows: T[], names: ReadonlySet<string>): T[] {
  return rows.map((row) => {
    if (row.type === "remove") return row.value === "" ? row : { ...row, value: "" };
    return isMasked(names, row.name) ? { ...row, value: REDACTED } : row;
  });
}

function maskObject(record: Record<string, unknown>, names: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      isMasked(names, key) && value !== null ? REDACTED : value,
    ]),
  );
}

/** Masks the values of the configured property names, in the form values kept for "Edit and resend". */
export function redactFormValues<T extends FormLike>(values: T, names: readonly string[]): Redacted<T> {
  const set = nameSet(names);
  return {
    ...values,
    properties: maskRows(values.properties, set),
    companyProperties: maskRows(values.companyProperties, set),
  } as Redacted<T>;
}

/** Masks the same names in the JSON body kept on record; what went to Userpilot is unchanged. */
export function redactPayload<
  T extends { metadata?: Record<string, unknown>; company?: Record<string, unknown> },
>(payload: T, names: readonly string[]): Redacted<T> {
  const set = nameSet(names);
  const company = payload.company
    ? maskObject(payload.company, nameSet([...set].filter((n) => n !== "id")))
    : undefined;
  return {
    ...payload,
    ...(payload.metadata ? { metadata: maskObject(payload.metadata, set) } : {}),
    ...(company ? { company } : {}),
  } as Redacted<T>;
}

type Field = FieldError;

/** The masked rows' values, longest first, so a value inside another is replaced after it. */
function maskedValues(values: FormLike, set: ReadonlySet<string>): string[] {
  const rows = [...values.properties, ...values.companyProperties];
  const texts = rows
    .filter((row) => row.type !== "remove" && isMasked(set, row.name))
    .map((row) => row.value);
  // As they stand in raw text and inside a JSON string (an upstream answer quoting the value).
  const forms = texts
    .flatMap((text) => [text, JSON.stringify(text).slice(1, -1)])
    .filter((text) => text !== "");
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * Masks the configured names' values wherever they might be echoed: an upstream answer, an error message.
 * Values are replaced wherever they occur, so a short value may mask more than its own echo; that errs safe.
 */
export function redactText(text: string, values: FormLike, names: readonly string[]): Redacted<string> {
  return maskedValues(values, nameSet(names)).reduce(
    (result, value) => result.replaceAll(value, REDACTED),
    text,
  ) as Redacted<string>;
}

/**
 * Field errors as they are kept on record: the message of a masked row's value is withheld whole, since
 * messages quote parts of what was typed ("write 123" for "0123").
 */
export function redactFieldErrors(fields: Field[], values: FormLike, names: readonly string[]): Field[] {
  const set = nameSet(names);
  const maskedPaths = new Set(
    (["properties", "companyProperties"] as const).flatMap((group) =>
      values[group].flatMap((row, index) => (isMasked(set, row.name) ? [`${group}.${index}.value`] : [])),
    ),
  );
  return fields.map((field) =>
    maskedPaths.has(field.path)
      ? { ...field, message: `${REDACTED} (the value of a masked property was refused)` }
      : { ...field, message: redactText(field.message, values, names) },
  );
}
