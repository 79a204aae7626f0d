import type { SandboxContext } from "./context";
import { applyCompanyChanges, applyUserChanges } from "./profiles";
import { jsonResponse } from "./responses";
import { identifyCompanyBody, identifyUserBody, trackEventBody } from "./rules";
import type { SandboxResponse } from "./types";
import { readBody } from "./validation";

export type V1Call = { ctx: SandboxContext; body: string; apiKey: string };

// Userpilot answers these with 202: the change is queued, not yet visible. The sandbox applies it at once.

// POST /v1/identify – merge user properties and set the user's company
export async function identifyUser({ ctx, body }: V1Call): Promise<SandboxResponse> {
  const checked = readBody(identifyUserBody, body);
  if (!checked.ok) return checked.response;
  await ctx.profileWrites.run(() => applyUserChanges(ctx.store, checked.value, ctx.timestamp()));
  return jsonResponse(202, {});
}

// POST /v1/companies/identify – merge company properties
export async function identifyCompany({ ctx, body }: V1Call): Promise<SandboxResponse> {
  const checked = readBody(identifyCompanyBody, body);
  if (!checked.ok) return checked.response;
  await ctx.profileWrites.run(() => applyCompanyChanges(ctx.store, checked.value, ctx.timestamp()));
  return jsonResponse(202, {});
}

// POST /v1/track – validated and accepted; events do not change profiles
export async function trackEvent({ body }: V1Call): Promise<SandboxResponse> {
  const checked = readBody(trackEventBody, body);
  return checked.ok ? jsonResponse(202, {}) : checked.response;
}

// GET /v1/validate – the connection check Segment's destination uses
export async function validateKey(): Promise<SandboxResponse> {
  return jsonResponse(200, { valid: true });
}
