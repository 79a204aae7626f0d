import type { APIResponse } from "@playwright/test";
import { expect } from "./fixtures";
import { isApiError } from "./identify-api";

/** A refusal in the shape every route uses: a 4xx (never a 5xx), JSON `{ error: { code, message } }`. */
export async function expectJsonError(response: APIResponse, context: string) {
  const status = response.status();
  const text = await response.text();
  expect(status, `${context} -> ${status} ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(status, `${context} -> ${status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(response.headers()["content-type"], context).toContain("application/json");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${context} -> ${status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  expect(isApiError(json), `${context} -> ${text.slice(0, 300)}`).toBe(true);
  return json as { error: { code: string; message: string; fields?: { path: string; message: string }[] } };
}

export const describeBody = (body: Buffer) =>
  `body ${JSON.stringify(body.toString("utf8").slice(0, 200))}${body.length > 200 ? `… (${body.length} bytes)` : ""}`;

/** The JSON a body stands for, or undefined when it is not JSON at all. */
export function parsedJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(body)) };
  } catch {
    return { ok: false };
  }
}
