import { z } from "zod";
import type { SandboxContext } from "./context";
import { jsonResponse } from "./responses";
import { matchRoute, type Route } from "./routing";
import type { SandboxRequest, SandboxResponse } from "./types";
import { readBody } from "./validation";

// Test-mode only endpoints that let end-to-end tests script the fake upstream. No key is needed.

export const scriptedResponseBody = z.object({
  status: z.number().int().min(200).max(599),
  /** A string is sent as is; anything else is sent as JSON. */
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  times: z.number().int().min(1).default(1),
  delayMs: z.number().int().min(0).default(0),
  hang: z.boolean().default(false),
});

const acceptedKeyBody = z.object({ key: z.string().min(1, { error: "must not be empty" }) });
const rateLimitBody = z.object({ perMinute: z.number().int().min(0), windowMs: z.number().int().min(100).optional() });

type ControlCall = { ctx: SandboxContext; body: string };

// POST /__control/respond – the next `times` /v1 requests get this answer instead of the rules'
async function respond({ ctx, body }: ControlCall): Promise<SandboxResponse> {
  const checked = readBody(scriptedResponseBody, body);
  if (!checked.ok) return checked.response;
  const { status, body: scriptedBody, headers = {}, times, delayMs, hang } = checked.value;
  ctx.scripted.enqueue(
    {
      status,
      body:
        scriptedBody === undefined
          ? ""
          : typeof scriptedBody === "string"
            ? scriptedBody
            : JSON.stringify(scriptedBody),
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      delayMs,
      hang,
    },
    times,
  );
  return jsonResponse(200, { pending: ctx.scripted.pendingCount() });
}

// POST /__control/accepted-key – change the one accepted key, so a client's key becomes wrong
async function setAcceptedKey({ ctx, body }: ControlCall): Promise<SandboxResponse> {
  const checked = readBody(acceptedKeyBody, body);
  if (!checked.ok) return checked.response;
  ctx.acceptedKey = checked.value.key;
  return jsonResponse(200, {});
}

// GET /__control/requests – every /v1 request since the last reset
async function listRequests({ ctx }: ControlCall): Promise<SandboxResponse> {
  return jsonResponse(200, { requests: ctx.requestLog.list() });
}

// POST /__control/rate-limit – change the per-minute limit
async function setRateLimit({ ctx, body }: ControlCall): Promise<SandboxResponse> {
  const checked = readBody(rateLimitBody, body);
  if (!checked.ok) return checked.response;
  ctx.rateLimiter.setLimit(checked.value.perMinute, checked.value.windowMs);
  return jsonResponse(200, {});
}

// POST /__control/reset – back to the state the sandbox started in
async function reset({ ctx }: ControlCall): Promise<SandboxResponse> {
  ctx.scripted.reset();
  ctx.requestLog.clear();
  ctx.rateLimiter.reset();
  ctx.rateLimiter.setLimit(ctx.options.rateLimitPerMinute);
  ctx.jobs.reset();
  ctx.acceptedKey = ctx.options.apiKey;
  await ctx.profileWrites.run(async () => ctx.store.clear?.());
  return jsonResponse(200, {});
}

const CONTROL_ROUTES: Route<ControlCall>[] = [
  { method: "POST", pattern: /^\/__control\/respond$/, handler: respond },
  { method: "POST", pattern: /^\/__control\/accepted-key$/, handler: setAcceptedKey },
  { method: "GET", pattern: /^\/__control\/requests$/, handler: listRequests },
  { method: "POST", pattern: /^\/__control\/rate-limit$/, handler: setRateLimit },
  { method: "POST", pattern: /^\/__control\/reset$/, handler: reset },
];

export async function handleControl(
  ctx: SandboxContext,
  request: SandboxRequest,
  pathname: string,
): Promise<SandboxResponse> {
  const route = matchRoute(CONTROL_ROUTES, request.method, pathname);
  return route.ok ? route.handler({ ctx, body: request.body }, route.params) : route.response;
}
