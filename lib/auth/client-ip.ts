import { isIP } from "node:net";

/** The header the auth route sets for the auth library; whatever a client sent under this name is dropped. */
export const CLIENT_IP_HEADER = "x-identify-client-ip";

/**
 * The client's address as far as the console can trust it. Anyone can send X-Forwarded-For, so it counts
 * only when the operator says how many proxies append to it (TRUSTED_PROXY_HOPS): the address the
 * outermost of them saw is the hops-th from the right. With 0 hops, or a header shorter than that, there
 * is no trusted address (null): Next's route handlers don't expose the socket's peer, so such requests
 * share one bucket, which is the safe reading.
 */
export function trustedClientIp(forwardedFor: string | null, hops: number): string | null {
  if (hops <= 0 || !forwardedFor) return null;
  const chain = forwardedFor.split(",").map((address) => address.trim());
  const address = chain[chain.length - hops];
  return address && isIP(address) ? address : null;
}

/**
 * The request the auth library sees: no forwarding header a client could forge, and the trusted address,
 * when there is one, under CLIENT_IP_HEADER (the only header the library is told to read).
 */
export function withTrustedClientIp(request: Request, hops: number, body?: ArrayBuffer): Request {
  const headers = new Headers(request.headers);
  const ip = trustedClientIp(headers.get("x-forwarded-for"), hops);
  for (const name of ["x-forwarded-for", "x-real-ip", "forwarded", CLIENT_IP_HEADER]) headers.delete(name);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}
