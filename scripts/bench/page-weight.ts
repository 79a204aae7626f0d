import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export type Script = { src: string; bytes: number; gzipBytes: number; sha1: string; contains: string[] };

export type PageWeight = {
  path: string;
  status: number;
  /** Where a redirect pointed, when the page did not render. */
  location: string | null;
  /** Whether the page rendered for a signed-in admin, or only signed out (the sign-in page redirects a session away). */
  signedIn: boolean;
  scripts: Script[];
  gzipBytes: number;
  htmlGzipBytes: number;
};

// Strings that survive minification and say which library a chunk carries; a rough guide, not a bundle analysis.
const MARKERS: [string, RegExp][] = [
  ["react-dom", /Minified React error|react-dom/],
  ["next router", /x-nextjs-|__next_f/],
  ["zod", /ZodError|\$ZodType/],
  ["react-hook-form", /HookFormContext/],
  ["sonner", /data-sonner-toaster/],
  ["tanstack query", /observerOptionsUpdated|mutationFn/],
  ["tanstack table", /getCoreRowModel|getPaginationRowModel/],
  ["better-auth client", /better-auth|\$sessionSignal/],
  ["process polyfill", /process\.chdir is not supported/],
];

/**
 * The JavaScript a page makes a modern browser download: its `<script src>` chunks (a `nomodule` script is the
 * legacy-browser polyfill a modern browser skips), each gzip-sized with node:zlib. With `cookie`, the page is
 * fetched signed in; a page that redirects a session away (the sign-in page) is fetched again signed out.
 */
export async function pageWeight(origin: string, pagePath: string, cookie?: string): Promise<PageWeight> {
  let signedIn = cookie !== undefined;
  let response = await get(`${origin}${pagePath}`, cookie);
  if (cookie && isRedirect(response.status)) {
    const signedOut = await get(`${origin}${pagePath}`);
    if (!isRedirect(signedOut.status)) {
      response = signedOut;
      signedIn = false;
    }
  }
  const html = await response.text();
  const scripts: Script[] = [];
  if (!isRedirect(response.status)) {
    const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
    const sources = new Set<string>();
    for (const tag of tags) {
      const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
      if (src && !/\bnomodule\b/i.test(tag)) sources.add(src.replaceAll("&amp;", "&"));
    }
    for (const src of sources) {
      const chunk = await fetch(new URL(src, origin), { signal: AbortSignal.timeout(30_000) });
      if (!chunk.ok) throw new Error(`${src} answered ${chunk.status}`);
      const bytes = Buffer.from(await chunk.arrayBuffer());
      const text = bytes.toString("utf8");
      scripts.push({
        src,
        bytes: bytes.length,
        gzipBytes: gzipSync(bytes).length,
        sha1: createHash("sha1").update(bytes).digest("hex"),
        contains: MARKERS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name),
      });
    }
  }
  return {
    path: pagePath,
    status: response.status,
    location: isRedirect(response.status) ? response.headers.get("location") : null,
    signedIn,
    scripts,
    gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    htmlGzipBytes: gzipSync(Buffer.from(html)).length,
  };
}

const isRedirect = (status: number) => status >= 300 && status < 400;

function get(url: string, cookie?: string): Promise<Response> {
  return fetch(url, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
