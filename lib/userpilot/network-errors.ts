/**
 * Fixed words for what went wrong on the way to Userpilot. The HTTP client's own messages are never
 * recorded or shown: some quote the request (an invalid header value quotes the whole Authorization header).
 */
export type NetworkErrorCode =
  | "connection_refused"
  | "host_not_found"
  | "connection_reset"
  | "connect_timeout"
  | "certificate"
  | "request_invalid"
  | "network";

export const NETWORK_ERROR_MESSAGES: Record<NetworkErrorCode, string> = {
  connection_refused: "Userpilot could not be reached (connection refused)",
  host_not_found: "Userpilot could not be reached (host name not found)",
  connection_reset: "Userpilot could not be reached (connection reset)",
  connect_timeout: "Userpilot could not be reached (connection timed out)",
  certificate: "Userpilot could not be reached (its TLS certificate was not accepted)",
  request_invalid:
    "The request could not be built: the environment's API key or URL has characters HTTP does not allow. Nothing was sent; enter the key again in Settings > Environments",
  network: "Userpilot could not be reached (network error)",
};

const BY_SYSTEM_CODE: Record<string, NetworkErrorCode> = {
  ECONNREFUSED: "connection_refused",
  ENOTFOUND: "host_not_found",
  EAI_AGAIN: "host_not_found",
  ECONNRESET: "connection_reset",
  EPIPE: "connection_reset",
  UND_ERR_SOCKET: "connection_reset",
  UND_ERR_CLOSED: "connection_reset",
  ETIMEDOUT: "connect_timeout",
  UND_ERR_CONNECT_TIMEOUT: "connect_timeout",
};

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** Maps an exception from the HTTP client (or its cause) to a fixed code; never looks at its message for display. */
export function classifyNetworkError(error: unknown): NetworkErrorCode {
  const cause = error instanceof Error ? error.cause : undefined;
  for (const code of [codeOf(cause), codeOf(error)]) {
    if (!code) continue;
    if (BY_SYSTEM_CODE[code]) return BY_SYSTEM_CODE[code];
    if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return "certificate";
  }
  return "network";
}
