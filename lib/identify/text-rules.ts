import { MAX_ID_LENGTH, MAX_PROPERTY_NAME_LENGTH } from "./limits";

// A stray space is never trimmed silently: "acme " and "acme" would be two different users upstream.
function paddedTextProblem(label: string, text: string, maxLength: number): string | undefined {
  if (text.trim() === "") return `${label} is only spaces; enter a real value`;
  if (text.trim() !== text) return `${label} has a space at the start or end; remove it`;
  if (text.length > maxLength) return `${label} is ${text.length} characters long; the limit is ${maxLength}`;
  return undefined;
}

export function userIdProblem(userId: string): string | undefined {
  return userId === "" ? "User ID is required" : paddedTextProblem("User ID", userId, MAX_ID_LENGTH);
}

/** An empty company ID is fine: it means the call sends no company. */
export function companyIdProblem(companyId: string): string | undefined {
  return companyId === "" ? undefined : paddedTextProblem("Company ID", companyId, MAX_ID_LENGTH);
}

export function propertyNameProblem(name: string): string | undefined {
  return name === ""
    ? "Enter a property name"
    : paddedTextProblem("Property name", name, MAX_PROPERTY_NAME_LENGTH);
}
