import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { appSecret } from "@/lib/auth/app-secret";

const PREFIX = "sha256:";

/**
 * An erased user's id, one-way: the audit entry of an erasure must not keep the id it erased, yet an admin
 * who holds the id can still find the entry. Keyed (HMAC under a key derived from APP_SECRET) so a list of
 * guessed ids can't be hashed without the server.
 */
export function hashUserIdWith(secret: string, userId: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "", "identify-console audit user id", 32));
  return PREFIX + createHmac("sha256", key).update(userId, "utf8").digest("hex").slice(0, 16);
}

export function hashUserId(userId: string): string {
  return hashUserIdWith(appSecret(), userId);
}

export function isHashedUserId(target: string | null): boolean {
  return target !== null && /^sha256:[0-9a-f]{16}$/.test(target);
}
