import { NextResponse, type NextRequest } from "next/server";

// Next answers a path with broken percent-encoding (/api/history/%E0%A4%A) with a bare 500 before any
// route runs; answer it as the bad request it is, in the shape every route uses.
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    const message = "The URL path is not valid percent-encoding";
    return request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json({ error: { code: "invalid_path", message } }, { status: 400 })
      : new NextResponse(`Bad request: ${message}`, { status: 400 });
  }
  return NextResponse.next();
}
