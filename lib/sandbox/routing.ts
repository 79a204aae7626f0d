import { methodNotAllowed, notFound } from "./responses";
import type { SandboxResponse } from "./types";

export type Route<Call> = {
  method: string;
  /** Capture groups become the handler's `params`, already URL-decoded. */
  pattern: RegExp;
  handler: (call: Call, params: string[]) => Promise<SandboxResponse>;
};

export type RouteMatch<Call> =
  { ok: true; handler: Route<Call>["handler"]; params: string[] } | { ok: false; response: SandboxResponse };

/** Finds the route for a request: 404 when no route has the path, 405 when none has the method. */
export function matchRoute<Call>(
  routes: readonly Route<Call>[],
  method: string,
  pathname: string,
): RouteMatch<Call> {
  const onPath = routes
    .map((route) => ({ route, match: route.pattern.exec(pathname) }))
    .filter((candidate) => candidate.match !== null);
  if (onPath.length === 0) return { ok: false, response: notFound(pathname) };

  const chosen = onPath.find((candidate) => candidate.route.method === method.toUpperCase());
  if (!chosen?.match) {
    return {
      ok: false,
      response: methodNotAllowed(
        method,
        onPath.map((candidate) => candidate.route.method),
      ),
    };
  }
  const params = decodeParams(chosen.match.slice(1));
  if (!params) return { ok: false, response: notFound(pathname) };
  return { ok: true, handler: chosen.route.handler, params };
}

function decodeParams(raw: string[]): string[] | undefined {
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/** `"/v1/identify?debug=1"` -> `"/v1/identify"`. */
export function pathnameOf(path: string): string {
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}
