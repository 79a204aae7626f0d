import { inAppSandbox } from "@/lib/sandbox/in-app";

type Context = { params: Promise<{ path: string[] }> };

// GET|POST /api/sandbox/... – the built-in fake Userpilot, reached through the same upstream client as the real one
async function handle(request: Request, { params }: Context) {
  const { path } = await params;
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

export { handle as GET, handle as POST };
