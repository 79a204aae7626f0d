import http from "node:http";
import { summarize, type Summary } from "./stats";

export type LoadTarget = {
  url: string;
  headers: Record<string, string>;
  /** The body of request number i. */
  body: (i: number) => string;
  /** True when the answer is the one expected (a forwarded identify that upstream accepted). */
  ok: (status: number, body: string) => boolean;
  /** A browser-like cookie jar: sent with every request, updated from each answer's Set-Cookie. */
  cookies?: Map<string, string>;
};

export type LoadPlan = { concurrency: number; requests: number; maxDurationMs: number };

export type LoadResult = {
  latency: Summary;
  /** Every request's latency in ms, to merge several runs. */
  samples: number[];
  requests: number;
  failures: number;
  firstFailure: string | null;
  seconds: number;
  perSecond: number;
};

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A closed-loop load generator: `concurrency` workers, each sending its next request as soon as the last one
 * answered, over keep-alive connections (one per worker), until `requests` are done or time is up.
 */
export async function runLoad(target: LoadTarget, plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: plan.concurrency,
    maxFreeSockets: plan.concurrency,
  });
  const url = new URL(target.url);
  const latencies: number[] = [];
  let issued = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const deadline = started + plan.maxDurationMs;

  const worker = async () => {
    while (issued < plan.requests && performance.now() < deadline) {
      const body = target.body(issued++);
      const sent = performance.now();
      try {
        const headers = target.cookies
          ? { ...target.headers, cookie: cookieHeader(target.cookies) }
          : target.headers;
        const response = await post(agent, url, headers, body);
        if (target.cookies) storeCookies(target.cookies, response.setCookie);
        latencies.push(performance.now() - sent);
        if (!target.ok(response.status, response.body)) {
          failures++;
          firstFailure ??= `${response.status} ${response.body.slice(0, 300)}`;
        }
      } catch (error) {
        latencies.push(performance.now() - sent);
        failures++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    latency: summarize(latencies),
    samples: latencies,
    requests: latencies.length,
    failures,
    firstFailure,
    seconds,
    perSecond: latencies.length / seconds,
  };
}

export function cookieHeader(jar: ReadonlyMap<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export function storeCookies(jar: Map<string, string>, setCookie: readonly string[]): void {
  for (const header of setCookie) {
    const [pair = "", ...attributes] = header.split(";");
    const equals = pair.indexOf("=");
    if (equals < 1) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(attribute));
    if (expired || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

type Answer = { status: number; body: string; setCookie: string[] };

function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            setCookie: response.headers["set-cookie"] ?? [],
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end(body);
  });
}

/** Several runs of one target as one result: all latencies, all requests over the time spent in them. */
export function mergeResults(results: readonly LoadResult[]): LoadResult {
  const samples = results.flatMap((result) => result.samples);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  return {
    latency: summarize(samples),
    samples,
    requests: samples.length,
    failures: results.reduce((sum, result) => sum + result.failures, 0),
    firstFailure: results.find((result) => result.firstFailure)?.firstFailure ?? null,
    seconds,
    perSecond: samples.length / seconds,
  };
}

/** Signs in with an email and password (the first admin's) and returns the session's cookies. */
export async function signInWith(appUrl: string, admin: { email: string; password: string }): Promise<Map<string, string>> {
  const response = await fetch(`${appUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify(admin),
  });
  const cookies = new Map<string, string>();
  storeCookies(cookies, response.headers.getSetCookie());
  if (!response.ok || cookies.size === 0) {
    throw new Error(
      `Sign-in with ADMIN_EMAIL/ADMIN_PASSWORD failed: ${response.status} ${(await response.text()).slice(0, 300)}`,
    );
  }
  return cookies;
}
