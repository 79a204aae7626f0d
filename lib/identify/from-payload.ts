import { isNormalizedIsoDate } from "./date";
import { emptyFormValues, type IdentifyFormValues, type PropertyRow } from "./schema";

/**
 * Form values that rebuild a sent Identify body ("Edit and resend" from history). Tolerates any
 * input: whatever is missing or malformed comes back as the empty form's value.
 */
export function formValuesFromPayload(payload: unknown): IdentifyFormValues {
  const values = emptyFormValues();
  if (!isRecord(payload)) return values;
  values.userId = idText(payload.user_id);
  if (isRecord(payload.metadata)) values.properties = rowsFrom(payload.metadata);
  if (isRecord(payload.company)) {
    const { id, ...companyProperties } = payload.company;
    values.companyId = idText(id);
    values.companyProperties = rowsFrom(companyProperties);
  }
  return values;
}

function rowsFrom(properties: Record<string, unknown>): PropertyRow[] {
  return Object.entries(properties).flatMap(([name, value]) => {
    const row = rowFrom(name, value);
    return row ? [row] : [];
  });
}

function rowFrom(name: string, value: unknown): PropertyRow | undefined {
  if (value === null) return { name, type: "remove", value: "" };
  if (typeof value === "number" && Number.isFinite(value))
    return { name, type: "numeric", value: String(value) };
  if (typeof value === "boolean") return { name, type: "string", value: String(value) };
  if (typeof value === "string") return { name, type: isNormalizedIsoDate(value) ? "date" : "string", value };
  // Arrays and objects can't be property values; dropping the row leaves that property unchanged on resend.
  return undefined;
}

function idText(id: unknown): string {
  if (typeof id === "string") return id;
  return typeof id === "number" && Number.isFinite(id) ? String(id) : "";
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
