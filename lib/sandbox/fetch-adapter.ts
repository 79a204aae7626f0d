import type { SandboxRequest, SandboxResponse } from "./types";

/**
 * Turns a Fetch API request (what a Next.js route handler receives) into a sandbox request.
 * `basePath` is where the sandbox is mounted, e.g. "/api/sandbox": it is cut from the path.
 */
export async function sandboxRequestFromFetch(request: Request, basePath: string): Promise<SandboxRequest> {
  const url = new URL(request.url);
  const base = basePath.replace(/\/+$/, "");
  const mounted = base !== "" && (url.pathname === base || url.pathname.startsWith(`${base}/`));
  const pathname = mounted ? url.pathname.slice(base.length) || "/" : url.pathname;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return { method: request.method, path: pathname + url.search, headers, body: await request.text() };
}

export function fetchResponseFromSandbox(response: SandboxResponse): Response {
  return new Response(response.body === "" ? null : response.body, {
    status: response.status,
    headers: response.headers,
  });
}
