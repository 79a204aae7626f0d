// Any origin serves as the reference: only the path, query and fragment of a same-origin result are kept.
const REFERENCE_ORIGIN = "https://console.invalid";

/**
 * Where to go after signing in: `next` resolved the way a browser would (backslashes, tabs and newlines
 * included), kept only when it stays on the console's origin, and re-serialized as path, query and fragment
 * so nothing that reads as another host can come out. Anything else goes to "/".
 */
export function safeNext(next: unknown, origin: string = REFERENCE_ORIGIN): string {
  if (typeof next !== "string" || next === "") return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  // "/.//evil" resolves to the path "//evil", which a browser would read as a host.
  if (!url.pathname.startsWith("/") || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
