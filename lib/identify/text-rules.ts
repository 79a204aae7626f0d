import { MAX_ID_LENGTH, MAX_PROPERTY_NAME_LENGTH } from "./limits";

// Control and format characters (NUL, zero-width spaces, right-to-left overrides) can't be seen: a pasted
// "acme\u200b" looks like "acme" but is another user upstream. Lone surrogates are not text at all.
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function invisibleCharacterProblem(label: string, text: string): string | undefined {
  const invisible = INVISIBLE.exec(text)?.[0];
  if (invisible !== undefined) {
    const code = invisible.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
    return `${label} contains an invisible character (U+${code}); retype it instead of pasting`;
  }
  if (LONE_SURROGATE.test(text)) return `${label} contains a broken character; retype it instead of pasting`;
  return undefined;
}

// A stray space is never trimmed silently: "acme " and "acme" would be two different users upstream.
function paddedTextProblem(label: string, text: string, maxLength: number): string | undefined {
  // Length first: no pattern below runs on an unbounded input.
  if (text.length > maxLength) return `${label} is ${text.length} characters long; the limit is ${maxLength}`;
  if (text.trim() === "") return `${label} is only spaces; enter a real value`;
  // Whitespace, that is; a byte-order mark counts as whitespace for trim() but is reported as invisible.
  if (/^[^\S\uFEFF]|[^\S\uFEFF]$/.test(text)) return `${label} has a space at the start or end; remove it`;
  return invisibleCharacterProblem(label, text);
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
