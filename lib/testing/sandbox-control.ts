// Test helper: drives a test-mode sandbox through its /__control endpoints, over HTTP like the e2e tests.
import type { z } from "zod";
import type { scriptedResponseBody } from "@/lib/sandbox/control";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/http-server";
import { createMemoryStore } from "@/lib/sandbox/memory-store";
import type { RecordedRequest } from "@/lib/sandbox/request-log";

export type ScriptedAnswer = z.input<typeof scriptedResponseBody>;

async function control(
  baseUrl: string,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${baseUrl}/__control/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const json: unknown = await response.json();
  if (!response.ok)
    throw new Error(`/__control/${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The next `times` (default 1) /v1 requests get this answer instead of the sandbox's rules. */
export async function scriptAnswer(baseUrl: string, answer: ScriptedAnswer): Promise<void> {
  await control(baseUrl, "POST", "respond", answer);
}

/** Every /v1 request the sandbox received since the last reset, oldest first. */
export async function receivedRequests(baseUrl: string): Promise<RecordedRequest[]> {
  return ((await control(baseUrl, "GET", "requests")) as { requests: RecordedRequest[] }).requests;
}

export async function setAcceptedKey(baseUrl: string, key: string): Promise<void> {
  await control(baseUrl, "POST", "accepted-key", { key });
}

/** Forgets scripted answers (releasing hanging requests), the request log, profiles and the accepted key. */
export async function resetSandbox(baseUrl: string): Promise<void> {
  await control(baseUrl, "POST", "reset", {});
}

/** A test-mode sandbox on 127.0.0.1 at a free port, accepting `apiKey`, profiles in memory. */
export function startTestSandbox(apiKey: string, jobStepMs = 50): Promise<SandboxServer> {
  return startSandboxServer({
    testMode: true,
    apiKey,
    port: 0,
    host: "127.0.0.1",
    store: createMemoryStore(),
    rateLimitPerMinute: 600,
    jobStepMs,
  });
}
