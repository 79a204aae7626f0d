export const REDACTED = "[redacted]";

type Row = { name: string; type: string; value: string };
type FormLike = { properties: Row[]; companyProperties: Row[] };

// Property names match case-insensitively: "Email" is as personal as "email".
const nameSet = (names: Iterable<string>) => new Set([...names].map((name) => name.toLowerCase()));
const isMasked = (names: ReadonlySet<string>, name: string) => names.has(name.toLowerCase());

function maskRows<T extends Row>(rows: T[], names: ReadonlySet<string>): T[] {
  return rows.map((row) => (isMasked(names, row.name) && row.type !== "remove" ? { ...row, value: REDACTED } : row));
}

function maskObject(record: Record<string, unknown>, names: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, isMasked(names, key) && value !== null ? REDACTED : value]),
  );
}

/** Masks the values of the configured property names, in the form values kept for "Edit and resend". */
export function redactFormValues<T extends FormLike>(values: T, names: readonly string[]): T {
  const set = nameSet(names);
  return { ...values, properties: maskRows(values.properties, set), companyProperties: maskRows(values.companyProperties, set) };
}

/** Masks the same names in the JSON body kept on record; what went to Userpilot is unchanged. */
export function redactPayload<T extends { metadata?: Record<string, unknown>; company?: Record<string, unknown> }>(
  payload: T,
  names: readonly string[],
): T {
  const set = nameSet(names);
  const company = payload.company ? maskObject(payload.company, nameSet([...set].filter((n) => n !== "id"))) : undefined;
  return {
    ...payload,
    ...(payload.metadata ? { metadata: maskObject(payload.metadata, set) } : {}),
    ...(company ? { company } : {}),
  };
}
