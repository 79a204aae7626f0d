import { z } from "zod";

/**
 * An API key travels in an HTTP header: anything but printable ASCII would make the HTTP client throw an
 * error that quotes the whole header, key included. Keys are checked here, where they come in.
 */
export const API_KEY_PATTERN = /^[\x21-\x7e]*$/;
export const API_KEY_FORMAT_MESSAGE =
  "The API key can only contain printable characters without spaces or line breaks";

/** A trimmed API key made only of printable ASCII without spaces (may be empty: callers decide). */
export const apiKeyText = z
  .string()
  .trim()
  .max(500, { error: "Use at most 500 characters" })
  .regex(API_KEY_PATTERN, { error: API_KEY_FORMAT_MESSAGE });

/** One form of a base URL, so the same address always reads the same (and binds a stored key the same). */
export function normalizeBaseUrl(raw: string): string {
  try {
    const url = new URL(raw.trim());
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    return raw.trim().replace(/\/+$/, "");
  }
}
