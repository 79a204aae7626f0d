/** How a history status reads to a person. Shared by the outcome panel and the history views. */

export type StatusTone = "success" | "warning" | "danger" | "neutral" | "pending";

export type StatusKind =
  | "accepted"
  | "bad_request"
  | "unauthorized"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "network_error"
  | "rejected"
  | "redirect"
  | "pending"
  | "unknown"
  | "unexpected";

const HTTP_WORDS: Record<number, string> = {
  200: "OK",
  202: "Accepted",
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  429: "Too many requests",
  500: "Server error",
  502: "Bad gateway",
  503: "Unavailable",
  504: "Gateway timeout",
};

export function statusKind(status: string): StatusKind {
  if (
    status === "pending" ||
    status === "unknown" ||
    status === "timeout" ||
    status === "network_error" ||
    status === "rejected"
  ) {
    return status;
  }
  const code = Number(status);
  if (!Number.isInteger(code)) return "unexpected";
  if (code >= 200 && code < 300) return "accepted";
  if (code >= 300 && code < 400) return "redirect";
  if (code === 401 || code === 403) return "unauthorized";
  if (code === 429) return "rate_limited";
  if (code >= 500) return "server_error";
  if (code >= 400) return "bad_request";
  return "unexpected";
}

export function statusLabel(status: string): string {
  switch (status) {
    case "pending":
      return "Pending";
    case "timeout":
      return "Timeout";
    case "network_error":
      return "Network error";
    case "rejected":
      return "Rejected by form";
    case "unknown":
      return "Outcome unknown";
  }
  const code = Number(status);
  if (status.trim() === "" || !Number.isInteger(code)) return status;
  const word =
    HTTP_WORDS[code] ??
    (code >= 500 ? "Server error" : code >= 400 ? "Client error" : code >= 300 && code < 400 ? "Redirect" : "");
  return word ? `${code} ${word}` : String(code);
}

export function statusTone(status: string): StatusTone {
  switch (statusKind(status)) {
    case "accepted":
      return "success";
    case "pending":
      return "pending";
    case "unknown":
    case "rate_limited":
    case "server_error":
    case "timeout":
    case "network_error":
      return "warning";
    case "bad_request":
    case "unauthorized":
    case "rejected":
    case "redirect":
      return "danger";
    default:
      return "neutral";
  }
}

/** What the console records and shows for a redirect, which it never follows. */
export const REDIRECT_MESSAGE = "Userpilot answered a redirect; check the environment's URL";

/** Whether sending the same body again is safe and may succeed: the failure was transient. */
export function isTransient(status: string): boolean {
  const kind = statusKind(status);
  return kind === "rate_limited" || kind === "server_error" || kind === "timeout" || kind === "network_error";
}
