import { guarded } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/responses";
import { inAppSandbox } from "@/lib/sandbox/in-app";

type Context = { params: Promise<{ path: string[] }> };

async function forward(request: Request, path: string[]): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const answer = await inAppSandbox().handle({
    method: request.method,
    path: `/${path.map(encodeURIComponent).join("/")}${url.search}`,
    headers,
    body: await request.text(),
  });
  return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
}

// The lookups show stored profiles, unmasked: staff who may read the history only.
const lookup = guarded("history:read", async (request, _actor, { params }: Context) => forward(request, (await params).path));

// GET|POST /api/sandbox/... – the built-in fake Userpilot: /v1 for the console's own upstream client (its
// generated key is the protection), /_sandbox lookups for signed-in staff, nothing at all with SANDBOX=off
async function handle(request: Request, context: Context) {
  if (env().SANDBOX === "off") return apiError(404, "not_found", "The built-in sandbox is turned off (SANDBOX=off)");
  const { path } = await context.params;
  if (path[0] === "v1") return forward(request, path);
  if (path[0] === "_sandbox") return lookup(request, context);
  return apiError(404, "not_found", `The sandbox has no ${request.method} /${path.join("/")}`);
}

export { handle as GET, handle as POST };
