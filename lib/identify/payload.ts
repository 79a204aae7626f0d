import { normalizeIsoDate } from "./date";
import { parseNumeric } from "./numeric";
import type { IdentifyFormValues, PropertyRow } from "./schema";

export type PropertyValue = string | number | null;

export type IdentifyPayload = {
  user_id: string;
  metadata?: Record<string, PropertyValue>;
  company?: { id: string } & Record<string, PropertyValue>;
};

// The one place that decides the wire encoding: Userpilot's docs disagree on whether numbers may be
// sent as numbers, and its prose pages do, so numbers go as JSON numbers and dates as ISO 8601 strings.
export function encodePropertyValue(row: PropertyRow): PropertyValue {
  switch (row.type) {
    case "string":
      return row.value;
    case "numeric": {
      const parsed = parseNumeric(row.value);
      return parsed.ok ? parsed.value : row.value;
    }
    case "date": {
      const parsed = normalizeIsoDate(row.value);
      return parsed.ok ? parsed.value : row.value;
    }
    case "remove":
      return null;
  }
}

/**
 * The JSON body for `POST /v1/identify`. Never throws, so it can drive a live preview of a form
 * that is still invalid: a value that does not parse is shown as the text typed, and a row
 * without a name is left out (the form reports both).
 */
export function buildIdentifyPayload(values: IdentifyFormValues): IdentifyPayload {
  const payload: IdentifyPayload = { user_id: values.userId };
  const metadata = encodeProperties(values.properties);
  if (Object.keys(metadata).length > 0) payload.metadata = metadata;
  if (values.companyId !== "") {
    // A row named "id" is a form error; it must not replace the company's id in the preview.
    const { id: _rowNamedId, ...companyProperties } = encodeProperties(values.companyProperties);
    payload.company = { id: values.companyId, ...companyProperties };
  }
  return payload;
}

// Object.fromEntries defines own properties, so a property named "__proto__" stays a property.
function encodeProperties(rows: readonly PropertyRow[]): Record<string, PropertyValue> {
  return Object.fromEntries(
    rows.filter((row) => row.name !== "").map((row) => [row.name, encodePropertyValue(row)]),
  );
}

export type CompanyPayload = { company_id: string; metadata?: Record<string, PropertyValue> };

/** The JSON body for `POST /v1/companies/identify` (and one record of `/v1/companies/bulk_identify`). */
export function buildCompanyPayload(values: Pick<IdentifyFormValues, "companyId" | "companyProperties">): CompanyPayload {
  const payload: CompanyPayload = { company_id: values.companyId };
  const metadata = encodeProperties(values.companyProperties);
  if (Object.keys(metadata).length > 0) payload.metadata = metadata;
  return payload;
}
