import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { auth } from "./auth";
import { withTrustedClientIp } from "./client-ip";
import { beginAttempt, finishAttempt } from "./sign-in-lock";
import { accountLockedMessage } from "./wait-in-words";

/** The path as the router might read it: decoded, backslashes as slashes, runs of slashes as one, lower case. */
function loosePath(url: string): string {
  const { pathname } = new URL(url);
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Left encoded; proxy.ts refuses such paths before they get here.
  }
  return decoded.replace(/\\/g, "/").replace(/\/{2,}/g, "/").replace(/\/+$/, "").toLowerCase();
}

/** The auth library's admin endpoints (set-role, ban-user, impersonate-user, ...) are never served. */
export function isAdminEndpoint(url: string): boolean {
  const path = loosePath(url);
  return path === "/api/auth/admin" || path.startsWith("/api/auth/admin/");
}

const isPasswordSignIn = (url: string) => loosePath(url) === "/api/auth/sign-in/email";

const signInBody = z.object({ email: z.string().trim().min(1).max(320) });

function emailOf(body: ArrayBuffer): string | null {
  try {
    const parsed = signInBody.safeParse(JSON.parse(new TextDecoder().decode(body)));
    return parsed.success ? parsed.data.email : null;
  } catch {
    return null;
  }
}

/** The library answers 429 with X-Retry-After; the standard header is what clients and proxies read. */
function withRetryAfter(response: Response): Response {
  const seconds = response.headers.get("x-retry-after");
  if (response.status === 429 && seconds && !response.headers.has("retry-after")) {
    const headers = new Headers(response.headers);
    headers.set("retry-after", seconds);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  return response;
}

const notFound = () => Response.json({ message: "Not found" }, { status: 404 });

/** Every request to /api/auth/*: admin endpoints refused, addresses trusted per TRUSTED_PROXY_HOPS, accounts locked after failures. */
export async function handleAuthRequest(request: Request): Promise<Response> {
  if (isAdminEndpoint(request.url)) return notFound();
  const hops = env().TRUSTED_PROXY_HOPS;
  if (request.method === "GET" || request.method === "HEAD") {
    return withRetryAfter(await auth().handler(withTrustedClientIp(request, hops)));
  }
  const body = await request.arrayBuffer();
  const forwarded = withTrustedClientIp(request, hops, body);
  const email = isPasswordSignIn(request.url) ? emailOf(body) : null;
  if (!email) return withRetryAfter(await auth().handler(forwarded));

  const database = await db();
  const verdict = await beginAttempt(database, email);
  if (!verdict.allowed) {
    return Response.json(
      { code: "ACCOUNT_LOCKED", message: accountLockedMessage(verdict.retryAfterSeconds) },
      { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
    );
  }
  let response: Response;
  try {
    response = await auth().handler(forwarded);
  } catch (error) {
    await finishAttempt(database, email, "other");
    throw error;
  }
  const outcome = response.ok ? "signed-in" : response.status === 401 ? "wrong-password" : "other";
  await finishAttempt(database, email, outcome);
  return withRetryAfter(response);
}
