import type { IdentifyPayload } from "./payload";

const USERPILOT_API_VERSION = "2020-09-22";

/** Wraps text in single quotes for a POSIX shell; a quote inside becomes '\'' (close, escaped quote, reopen). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The same Identify call as a curl command; the key stays a shell variable so it is never shown or copied. */
export function buildCurlCommand(baseUrl: string, payload: IdentifyPayload): string {
  const url = `${baseUrl.replace(/\/+$/, "")}/v1/identify`;
  return [
    `curl -X POST ${shellQuote(url)}`,
    `  -H 'Content-Type: application/json'`,
    `  -H "Authorization: Token $USERPILOT_API_KEY"`,
    `  -H 'X-API-Version: ${USERPILOT_API_VERSION}'`,
    `  --data ${shellQuote(JSON.stringify(payload))}`,
  ].join(" \\\n");
}
