import type { APIRequestContext, APIResponse } from "@playwright/test";
import {
  historyDetailSchema,
  historyPageSchema,
  type HistoryDetail,
  type HistoryListItem,
} from "../../lib/history/api-types";
import { apiErrorSchema, sendOutcomeSchema, type SendOutcome } from "../../lib/outcome/schema";
import { E2E } from "./settings";

/**
 * Runs an idempotent request once more when Playwright reused a keep-alive socket that the server closed
 * after 5 s idle (microsoft/playwright#42701): the reset comes before any handler ran, so nothing repeats.
 */
export async function idempotent<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!/ECONNRESET|socket hang up|other side closed/i.test(String(error))) throw error;
    return call();
  }
}

/** The form values of a send with only a user id. */
export const bareForm = (userId: string) => ({
  userId,
  properties: [],
  companyId: "",
  companyProperties: [],
});

/** A user id prefix unique to this run, so specs never see each other's rows. */
export const runPrefix = (name: string) =>
  `${name}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;

/** POST /api/identify's body: the form values, sent to the default environment unless one is named. */
export const sendBody = (values: unknown, target: { environmentId?: string; replayOf?: string } = {}) => ({
  environmentId: target.environmentId ?? null,
  replayOf: target.replayOf ?? null,
  values,
});

/** POST /api/identify (on `baseUrl` when given) and the outcome it answered with; fails on anything but 200. */
export async function identify(
  request: APIRequestContext,
  form: unknown,
  baseUrl = "",
  target: Parameters<typeof sendBody>[1] = {},
): Promise<SendOutcome> {
  const response = await request.post(`${baseUrl}/api/identify`, { data: sendBody(form, target), timeout: 60_000 });
  return readOutcome(response);
}

/**
 * The raw text and headers of every /api/identify answer read through `readOutcome`, error answers included,
 * so the leak search reads all of each answer, not only the parsed outcome.
 */
export const identifyAnswers: { where: string; content: string }[] = [];

export async function readOutcome(response: APIResponse): Promise<SendOutcome> {
  const text = await response.text();
  identifyAnswers.push({
    where: `${response.url()} ${response.status()}`,
    content: `${JSON.stringify(response.headers())}\n${text}`,
  });
  if (response.status() !== 200)
    throw new Error(`/api/identify answered ${response.status()}: ${text.slice(0, 500)}`);
  return sendOutcomeSchema.parse(JSON.parse(text).outcome);
}

export async function historyDetail(
  request: APIRequestContext,
  id: string,
  baseUrl = "",
): Promise<HistoryDetail> {
  const response = await idempotent(() => request.get(`${baseUrl}/api/history/${encodeURIComponent(id)}`));
  if (response.status() !== 200) throw new Error(`history detail ${id} answered ${response.status()}`);
  return historyDetailSchema.parse(await response.json());
}

/** Every history row whose user id starts with `prefix`, following the cursor to the end. */
export async function historyRows(
  request: APIRequestContext,
  user: string,
  options: { match?: "exact" | "prefix"; baseUrl?: string } = {},
) {
  const rows: HistoryListItem[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ user, match: options.match ?? "prefix", limit: "200" });
    if (cursor) params.set("cursor", cursor);
    const response = await idempotent(() => request.get(`${options.baseUrl ?? ""}/api/history?${params}`));
    if (response.status() !== 200)
      throw new Error(`history list answered ${response.status()}: ${await response.text()}`);
    const page = historyPageSchema.parse(await response.json());
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

export function isApiError(json: unknown): boolean {
  return (
    apiErrorSchema.safeParse(json).success &&
    (json as { error: { message: string } }).error.message.length > 0
  );
}

/** POST /__control/rate-limit on the shared sandbox (the existing helper has no switch for it). */
export async function setSandboxRateLimit(perMinute: number): Promise<void> {
  const response = await fetch(`${E2E.sandboxUrl}/__control/rate-limit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ perMinute }),
  });
  if (!response.ok) throw new Error(`sandbox rate-limit answered ${response.status}`);
}
