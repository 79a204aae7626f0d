import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

// Set here, not in next.config.js: the config's headers are fixed at build time, APP_URL is read at start.
const HSTS = "max-age=31536000; includeSubDomains";

export function proxy(request: NextRequest) {
  // Next answers a path with broken percent-encoding (/api/history/%E0%A4%A) with a bare 500 before any
  // route runs; answer it as the bad request it is, in the shape every route uses.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    const message = "The URL path is not valid percent-encoding";
    return withHsts(
      request.nextUrl.pathname.startsWith("/api/")
        ? NextResponse.json({ error: { code: "invalid_path", message } }, { status: 400 })
        : new NextResponse(`Bad request: ${message}`, { status: 400 }),
    );
  }
  return withHsts(NextResponse.next());
}

/** Browsers keep to HTTPS for a year once the console is served over it (APP_URL=https://...). */
function withHsts(response: NextResponse): NextResponse {
  if (env().APP_URL?.startsWith("https://")) response.headers.set("strict-transport-security", HSTS);
  return response;
}
