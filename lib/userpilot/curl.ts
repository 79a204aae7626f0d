import type { CompanyPayload, IdentifyPayload } from "@/lib/identify/payload";
import { USERPILOT_PATHS, userpilotHeaders, userpilotUrl } from "./protocol";

/** The shell variable the command reads the key from: the key itself is never shown or copied. */
const KEY_VARIABLE = "$USERPILOT_API_KEY";

/** Wraps text in single quotes for a POSIX shell; a quote inside becomes '\'' (close, escaped quote, reopen). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The same Identify call (User, or Company with its own path) as a curl command; the key stays a shell
 * variable so it is never shown or copied.
 */
export function buildCurlCommand(
  baseUrl: string,
  payload: IdentifyPayload | CompanyPayload,
  path: string = USERPILOT_PATHS.identifyUser,
): string {
  const headers = Object.entries(userpilotHeaders(KEY_VARIABLE, { json: true })).map(([name, value]) => {
    const header = `${name}: ${value}`;
    // Double quotes only where the shell must expand the variable; the header holds nothing else it would touch.
    return `  -H ${value.includes(KEY_VARIABLE) ? `"${header}"` : shellQuote(header)}`;
  });
  return [
    `curl -X POST ${shellQuote(userpilotUrl(baseUrl, path))}`,
    ...headers,
    `  --data ${shellQuote(JSON.stringify(payload))}`,
  ].join(" \\\n");
}
