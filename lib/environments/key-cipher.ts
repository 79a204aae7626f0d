import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * "v2.iv.tag.ciphertext" (base64url parts): AES-256-GCM with a fresh IV, and the environment's normalized
 * base URL as additional authenticated data. A key sealed for one address does not open for another, so
 * moving a row to another URL in the database makes its key unreadable instead of sending it there.
 * "v1" (no additional data) was written before; `resealLegacyApiKey` turns it into v2 once, at start.
 */
const CURRENT = "v2";
const LEGACY = "v1";

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "identify-console", "environment-api-keys", 32));
}

function parts(sealed: string, version: string) {
  const [tagged, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (tagged !== version || !iv || !tag || ciphertext === undefined || rest.length > 0) {
    throw new Error("Unreadable stored key");
  }
  return { iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), ciphertext: Buffer.from(ciphertext, "base64url") };
}

/** Seals a key for one base URL (pass it normalized: the same address must always read the same). */
export function encryptApiKey(plain: string, secret: string, baseUrl: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  // Stryker disable next-line StringLiteral: Node reads an empty encoding name as "utf8"
  cipher.setAAD(Buffer.from(baseUrl, "utf8"));
  // Stryker disable next-line StringLiteral: Node reads an empty encoding name as "utf8"
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [CURRENT, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"))].join(".");
}

/** Opens a v2 key sealed for this base URL; throws for another URL, another secret or any other format. */
export function decryptApiKey(sealed: string, secret: string, baseUrl: string): string {
  const { iv, tag, ciphertext } = parts(sealed, CURRENT);
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), iv);
  // Stryker disable next-line StringLiteral: Node reads an empty encoding name as "utf8"
  decipher.setAAD(Buffer.from(baseUrl, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
}

export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith(`${LEGACY}.`);
}

/** Re-seals a v1 key as v2 bound to its current base URL; throws when it does not open with this secret. */
export function resealLegacyApiKey(sealed: string, secret: string, baseUrl: string): string {
  const { iv, tag, ciphertext } = parts(sealed, LEGACY);
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), iv);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  return encryptApiKey(plain, secret, baseUrl);
}
