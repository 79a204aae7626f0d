import type { SandboxContext } from "./context";
import { jsonResponse, singleErrorResponse } from "./responses";
import { matchRoute, type Route } from "./routing";
import type { SandboxResponse } from "./types";

// Not Userpilot endpoints: they let the console show what a send did to the fake profiles.
// No key is needed because the data is fake.

// GET /_sandbox/users/{user_id} – the stored user and their company
async function getUser(ctx: SandboxContext, [userId = ""]: string[]): Promise<SandboxResponse> {
  const user = await ctx.store.getUser(userId);
  if (!user) return singleErrorResponse(404, "not_found", `No user with id ${userId} in the sandbox`);
  const company = user.company_id === null ? undefined : await ctx.store.getCompany(user.company_id);
  return jsonResponse(200, { user, company: company ?? null });
}

// GET /_sandbox/companies/{company_id} – the stored company and the ids of its users
async function getCompany(ctx: SandboxContext, [companyId = ""]: string[]): Promise<SandboxResponse> {
  const company = await ctx.store.getCompany(companyId);
  if (!company)
    return singleErrorResponse(404, "not_found", `No company with id ${companyId} in the sandbox`);
  return jsonResponse(200, { company, user_ids: await ctx.store.listUsersOfCompany(companyId) });
}

const LOOKUP_ROUTES: Route<SandboxContext>[] = [
  { method: "GET", pattern: /^\/_sandbox\/users\/([^/]+)$/, handler: getUser },
  { method: "GET", pattern: /^\/_sandbox\/companies\/([^/]+)$/, handler: getCompany },
];

export async function handleLookup(
  ctx: SandboxContext,
  method: string,
  pathname: string,
): Promise<SandboxResponse> {
  const route = matchRoute(LOOKUP_ROUTES, method, pathname);
  return route.ok ? route.handler(ctx, route.params) : route.response;
}
