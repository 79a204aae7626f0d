import { createHash, timingSafeEqual } from "node:crypto";
import { singleErrorResponse } from "./responses";
import type { SandboxResponse } from "./types";

// Userpilot documents `Token <key>`; some of its pages write `token`, so the scheme is case-insensitive.
const TOKEN_SCHEME = /^token\s+(\S+)\s*$/i;

/** The API key a request presents, or an error response explaining why it is refused. */
export function checkApiKey(
  authorization: string | undefined,
  acceptedKey: string,
): { ok: true; key: string } | { ok: false; response: SandboxResponse } {
  if (!authorization?.trim()) {
    return refuse("Missing Authorization header: send Authorization: Token <API key>");
  }
  const presented = TOKEN_SCHEME.exec(authorization.trim())?.[1];
  if (presented === undefined) {
    return refuse("The Authorization header must use the Token scheme: Authorization: Token <API key>");
  }
  if (!sameKey(presented, acceptedKey)) {
    return refuse("Invalid API key: use the API key (not the App Token) from Settings > Environment");
  }
  return { ok: true, key: presented };
}

function refuse(message: string): { ok: false; response: SandboxResponse } {
  return { ok: false, response: singleErrorResponse(401, "unauthorized", message) };
}

// The built-in sandbox's key is a secret: compare in constant time (digests, so lengths match too).
function sameKey(presented: string, accepted: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(accepted));
}
