import { NextResponse, type NextRequest } from "next/server";
import { withHsts } from "@/lib/http/hsts";

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

// Every path but the send itself: for each request the proxy sees, Next builds a second Request with a
// cloneable copy of the body, a good part of a send's CPU (docs/performance.md). /api/identify can't be
// badly encoded, and sets its HSTS header itself (app/api/identify/route.ts).
export const config = { matcher: ["/((?!api/identify$).*)"] };
