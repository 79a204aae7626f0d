import type { z } from "zod";
import { apiErrorSchema, type FieldError } from "@/lib/outcome/schema";

export type RequestFailure = {
  ok: false;
  /** null when the server could not be reached at all. */
  status: number | null;
  /** The route's error code, when it answered with the console's error shape. */
  code: string | null;
  message: string;
  fields: FieldError[];
};
export type RequestResult<T> = { ok: true; data: T } | RequestFailure;

type Options = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** What to say when the server can't be reached, e.g. "Nothing was sent; your input is kept." added. */
  unreachable?: string;
  /** What to say for an answer that is neither the expected shape nor the console's error shape. */
  unexpected?: (status: number) => string;
};

const UNREACHABLE = "The console's server could not be reached.";

/**
 * The browser's one way to call the console's own routes: a successful answer is read with `schema`, every
 * failure (network, error answer, unexpected body) becomes a message to show and the fields it names.
 */
export async function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: Options = {},
): Promise<RequestResult<z.output<S>>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    return failure(null, options.unreachable ?? UNREACHABLE);
  }
  const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (response.ok) {
    const data = schema.safeParse(json);
    if (data.success) return { ok: true, data: data.data };
  } else {
    const error = apiErrorSchema.safeParse(json);
    if (error.success) {
      const { code, message, fields } = error.data.error;
      return { ok: false, status: response.status, code, message, fields: fields ?? [] };
    }
  }
  const unexpected = options.unexpected?.(response.status) ?? `The console's server answered ${response.status} unexpectedly.`;
  return failure(response.status, unexpected);
}

/** For TanStack Query's `queryFn`: the data, or an Error whose message is the one to show. */
export async function requestJsonOrThrow<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  const result = await requestJson(path, schema);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

function failure(status: number | null, message: string): RequestFailure {
  return { ok: false, status, code: null, message, fields: [] };
}
