import { normalizeIsoDate } from "./date";
import { MAX_DATE_VALUE_LENGTH, MAX_NUMERIC_VALUE_LENGTH, MAX_STRING_VALUE_LENGTH } from "./limits";
import { parseNumeric } from "./numeric";
import type { PropertyType } from "./property-types";

/** What is wrong with a typed value for its property type, or undefined when it can be sent. */
export function propertyValueProblem(type: PropertyType, value: string): string | undefined {
  switch (type) {
    case "string":
      return tooLong("Text", value, MAX_STRING_VALUE_LENGTH);
    case "numeric":
      return tooLong("This number", value, MAX_NUMERIC_VALUE_LENGTH) ?? messageOf(parseNumeric(value));
    case "date":
      return tooLong("This date", value, MAX_DATE_VALUE_LENGTH) ?? messageOf(normalizeIsoDate(value));
    case "remove":
      return undefined;
  }
}

const count = (n: number) => n.toLocaleString("en-US");

function tooLong(what: string, value: string, limit: number): string | undefined {
  if (value.length <= limit) return undefined;
  return `${what} is ${count(value.length)} characters long; the limit is ${count(limit)}`;
}

const messageOf = (result: { ok: true } | { ok: false; message: string }) =>
  result.ok ? undefined : result.message;
