import { apiErrorSchema } from "@/lib/outcome/schema";

export type JsonResult =
  | { ok: true; body: unknown }
  | { ok: false; message: string; fields: { path: string; message: string }[] };

/** A JSON call to one of the console's own routes; every failure becomes a message to show. */
export async function sendJson(path: string, method: string, body?: unknown): Promise<JsonResult> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: "The console's server could not be reached.", fields: [] };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, body: json };
  const error = apiErrorSchema.safeParse(json);
  if (error.success) return { ok: false, message: error.data.error.message, fields: error.data.error.fields ?? [] };
  return { ok: false, message: `The server answered ${response.status}.`, fields: [] };
}
