import "server-only";
import type { ApiErrorCode } from "./error-codes";

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; json: unknown } | { ok: false; code: Extract<ApiErrorCode, "invalid_json" | "body_too_large">; message: string; status: number };

/** Reads a JSON request body, refusing one over the cap before it is all in memory. */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return { ok: false, code: "invalid_json", message: "The request has no body", status: 400 };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, code: "invalid_json", message: "The request body is not valid JSON", status: 400 };
  }
}

function tooLarge(maxBytes: number): BodyResult {
  return {
    ok: false,
    code: "body_too_large",
    message: `The request body is larger than ${Math.round(maxBytes / 1024)} KB`,
    status: 413,
  };
}
