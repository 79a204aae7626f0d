import { normalizeIsoDate } from "./date";
import { MAX_STRING_VALUE_LENGTH } from "./limits";
import { parseNumeric } from "./numeric";
import type { PropertyType } from "./property-types";

/** What is wrong with a typed value for its property type, or undefined when it can be sent. */
export function propertyValueProblem(type: PropertyType, value: string): string | undefined {
  switch (type) {
    case "string":
      return value.length > MAX_STRING_VALUE_LENGTH
        ? `Text is ${value.length.toLocaleString("en-US")} characters long; the limit is ${MAX_STRING_VALUE_LENGTH.toLocaleString("en-US")}`
        : undefined;
    case "numeric":
      return messageOf(parseNumeric(value));
    case "date":
      return messageOf(normalizeIsoDate(value));
    case "remove":
      return undefined;
  }
}

const messageOf = (result: { ok: true } | { ok: false; message: string }) =>
  result.ok ? undefined : result.message;
