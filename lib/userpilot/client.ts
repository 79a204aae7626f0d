import "server-only";
import { Agent, request, type Dispatcher } from "undici";
import { upstreamPace } from "./pace";
import { classifyNetworkError, NETWORK_ERROR_MESSAGES, type NetworkErrorCode } from "./network-errors";
import { userpilotHeaders, userpilotUrl } from "./protocol";
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry";

/** Upstream bodies are kept for the record up to this size. */
export const RESPONSE_BODY_CAP = 16 * 1024;

export type UpstreamTarget = { baseUrl: string; apiKey: string };
/** The sandbox's own lookups (`/_sandbox/...`) are open: nothing goes with them but the version. */
export type OpenTarget = { baseUrl: string; apiKey?: undefined };

/** What to send: a body only with POST, always JSON. */
type UpstreamCall = { method: "GET" } | { method: "POST"; payload: unknown };

export type CallOptions = {
  /** How much of the answer's body is read; the rest is dropped unread. */
  bodyCap?: number;
};

export type RetryPolicy = { timeoutMs: number; maxRetries: number; retryBaseMs: number };

export type AttemptRecord = {
  attempt: number;
  startedAt: string;
  latencyMs: number;
  status?: number;
  error?: "timeout" | "network_error";
  /** A fixed code and message for a failure on the way; never the HTTP client's own words. */
  code?: NetworkErrorCode;
  message?: string;
  requestId?: string;
  /** How long the client waited after this attempt before the next one. */
  waitMs?: number;
};

export type UpstreamResult =
  | {
      kind: "response";
      status: number;
      body: string;
      bodyTruncated: boolean;
      requestId: string | null;
      latencyMs: number;
      attempts: AttemptRecord[];
    }
  | {
      kind: "timeout" | "network_error";
      message: string;
      latencyMs: number;
      attempts: AttemptRecord[];
    };

type SingleAttempt =
  | { kind: "response"; status: number; body: string; bodyTruncated: boolean; requestId: string | null; retryAfterMs?: number }
  | { kind: "timeout"; message: string }
  | { kind: "network_error"; code: NetworkErrorCode; message: string };

/** Whether an upstream status is a redirect: recorded as it is, never followed. */
export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs JSON to Userpilot with the stored key; see callUserpilot. */
export function postJson(
  target: UpstreamTarget,
  path: string,
  payload: unknown,
  policy: RetryPolicy,
  options: CallOptions = {},
): Promise<UpstreamResult> {
  return callUserpilot(target, path, { method: "POST", payload }, policy, options);
}

/** GETs from Userpilot with the stored key (or from the sandbox's open lookups without one); see callUserpilot. */
export function getJson(
  target: UpstreamTarget | OpenTarget,
  path: string,
  policy: RetryPolicy,
  options: CallOptions = {},
): Promise<UpstreamResult> {
  return callUserpilot(target, path, { method: "GET" }, policy, options);
}

/**
 * Calls Userpilot. Retries 429, 5xx, timeouts and network errors with exponential backoff (a Retry-After
 * header wins); never retries 4xx, which would fail the same way, nor a request that could not even be
 * built. Never follows a redirect: the key would go with it.
 */
async function callUserpilot(
  target: UpstreamTarget | OpenTarget,
  path: string,
  call: UpstreamCall,
  policy: RetryPolicy,
  { bodyCap = RESPONSE_BODY_CAP }: CallOptions,
): Promise<UpstreamResult> {
  const body = call.method === "POST" ? JSON.stringify(call.payload) : undefined;
  const started = performance.now();
  const attempts: AttemptRecord[] = [];

  for (let attempt = 1; ; attempt++) {
    // An open target (the sandbox's own lookup) carries no key and spends none of its limit.
    const release = target.apiKey ? await upstreamPace().take(target.apiKey) : undefined;
    const attemptStart = performance.now();
    const startedAt = new Date().toISOString();
    const result = await attemptOnce(target, path, { method: call.method, body, bodyCap }, policy.timeoutMs).finally(
      () => release?.(),
    );
    const record: AttemptRecord = {
      attempt,
      startedAt,
      latencyMs: Math.round(performance.now() - attemptStart),
      ...(result.kind === "response"
        ? { status: result.status, ...(result.requestId ? { requestId: result.requestId } : {}) }
        : { error: result.kind, ...(result.kind === "network_error" ? { code: result.code } : {}), message: result.message }),
    };
    attempts.push(record);

    const retryable =
      result.kind === "response"
        ? isRetryableStatus(result.status)
        : !(result.kind === "network_error" && result.code === "request_invalid");
    const waitMs =
      result.kind === "response" && result.retryAfterMs !== undefined
        ? result.retryAfterMs
        : backoffDelay(attempt, policy.retryBaseMs);
    if (!retryable || attempt > policy.maxRetries || waitMs > MAX_RETRY_AFTER_MS) {
      const latencyMs = Math.round(performance.now() - started);
      if (result.kind === "response") {
        const { retryAfterMs: _ignored, ...response } = result;
        return { ...response, latencyMs, attempts };
      }
      return { kind: result.kind, message: result.message, latencyMs, attempts };
    }
    record.waitMs = waitMs;
    await sleep(waitMs);
  }
}

// Node's fetch runs every call through web streams and Next.js's fetch instrumentation: on a send that cost
// about a tenth of the server's CPU (docs/performance.md). undici's request API speaks the same HTTP over its
// own keep-alive pool without either, and like `redirect: "manual"` it never follows a redirect.
const upstreamConnections = new Agent();

async function attemptOnce(
  target: UpstreamTarget | OpenTarget,
  path: string,
  { method, body, bodyCap }: { method: UpstreamCall["method"]; body: string | undefined; bodyCap: number },
  timeoutMs: number,
): Promise<SingleAttempt> {
  // Built and checked (by `new Headers`) before anything is sent: a key or URL HTTP can't carry fails here,
  // once, with fixed words.
  let url: URL;
  let headers: Record<string, string>;
  try {
    url = new URL(userpilotUrl(target.baseUrl, path));
    headers = userpilotHeaders(target.apiKey, { json: body !== undefined });
    new Headers(headers);
  } catch {
    return { kind: "network_error", code: "request_invalid", message: NETWORK_ERROR_MESSAGES.request_invalid };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await request(url, {
      method,
      headers,
      body,
      signal: controller.signal,
      dispatcher: upstreamConnections,
    });
    const requestId = firstHeader(response.headers, "x-request-id");
    if (isRedirectStatus(response.statusCode)) {
      // Not read: where it points and what it says are not Userpilot's answer.
      discard(response.body);
      return { kind: "response", status: response.statusCode, body: "", bodyTruncated: false, requestId };
    }
    // The timeout covers the body too: a server that sends headers and then stalls is a timeout.
    const { text, truncated } = await readCapped(response.body, bodyCap);
    const retryAfterMs = parseRetryAfter(firstHeader(response.headers, "retry-after"));
    return {
      kind: "response",
      status: response.statusCode,
      body: text,
      bodyTruncated: truncated,
      requestId,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: "timeout", message: `No answer from Userpilot within ${timeoutMs / 1000} s` };
    }
    const code = classifyNetworkError(error);
    return { kind: "network_error", code, message: NETWORK_ERROR_MESSAGES[code] };
  } finally {
    clearTimeout(timer);
  }
}

type ResponseBody = Dispatcher.ResponseData["body"];

function firstHeader(headers: Dispatcher.ResponseData["headers"], name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Drops a body unread: its connection is closed rather than reused (the abort is expected, not an error). */
function discard(body: ResponseBody): void {
  body.on("error", () => {}).destroy();
}

/** Reads at most `cap` characters of a body and drops the rest unread, so a huge answer costs no memory. */
async function readCapped(body: ResponseBody, cap: number): Promise<{ text: string; truncated: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of body) {
    text += decoder.decode(chunk as Uint8Array, { stream: true });
    if (text.length > cap) {
      discard(body);
      return { text: text.slice(0, cap), truncated: true };
    }
  }
  text += decoder.decode();
  return { text, truncated: false };
}
