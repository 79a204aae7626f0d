import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptApiKey, encryptApiKey, isLegacySealed, resealLegacyApiKey } from "./key-cipher";

const SECRET = "a-test-app-secret-0123456789abcdefghij";
const URL_A = "https://analytex.userpilot.io";
const URL_B = "http://127.0.0.1:9999";

/** A key sealed the way the console did before keys were bound to their URL. */
function sealV1(plain: string, secret: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "identify-console", "environment-api-keys", 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"))].join(".");
}

describe("key-cipher", () => {
  it("opens a key for the URL it was sealed for", () => {
    const sealed = encryptApiKey("key-1234", SECRET, URL_A);
    expect(sealed.startsWith("v2.")).toBe(true);
    expect(sealed).not.toContain("key-1234");
    expect(decryptApiKey(sealed, SECRET, URL_A)).toBe("key-1234");
  });

  it("refuses to open a key for another base URL", () => {
    const sealed = encryptApiKey("key-1234", SECRET, URL_A);
    expect(() => decryptApiKey(sealed, SECRET, URL_B)).toThrow();
    expect(() => decryptApiKey(sealed, SECRET, `${URL_A}/proxy`)).toThrow();
  });

  it("refuses to open a key with another secret", () => {
    const sealed = encryptApiKey("key-1234", SECRET, URL_A);
    expect(() => decryptApiKey(sealed, `${SECRET}-changed`, URL_A)).toThrow();
  });

  it("does not open a v1 key directly: it must be re-sealed first", () => {
    const legacy = sealV1("old-key-9876", SECRET);
    expect(isLegacySealed(legacy)).toBe(true);
    expect(() => decryptApiKey(legacy, SECRET, URL_A)).toThrow();
  });

  it("re-seals a v1 key bound to its current URL", () => {
    const resealed = resealLegacyApiKey(sealV1("old-key-9876", SECRET), SECRET, URL_A);
    expect(isLegacySealed(resealed)).toBe(false);
    expect(decryptApiKey(resealed, SECRET, URL_A)).toBe("old-key-9876");
    expect(() => decryptApiKey(resealed, SECRET, URL_B)).toThrow();
  });

  it("does not re-seal a v1 key sealed with another secret", () => {
    expect(() => resealLegacyApiKey(sealV1("old-key-9876", "another-secret-0123456789abcdefghijkl"), SECRET, URL_A)).toThrow();
  });

  it("refuses any other form of a sealed key with the same fixed words", () => {
    const sealed = encryptApiKey("key-1234", SECRET, URL_A);
    const [, iv, tag, ciphertext] = sealed.split(".");
    for (const broken of [
      `v3.${iv}.${tag}.${ciphertext}`,
      `${sealed}.extra`,
      `v2..${tag}.${ciphertext}`,
      `v2.${iv}..${ciphertext}`,
      `v2.${iv}.${tag}`,
      "",
    ]) {
      expect(() => decryptApiKey(broken, SECRET, URL_A)).toThrow(/^Unreadable stored key$/);
    }
    expect(() => resealLegacyApiKey(sealed, SECRET, URL_A)).toThrow(/^Unreadable stored key$/);
  });

  it("seals and opens an empty key and one with any Unicode text", () => {
    expect(decryptApiKey(encryptApiKey("", SECRET, URL_A), SECRET, URL_A)).toBe("");
    expect(decryptApiKey(encryptApiKey("ключ-é-1", SECRET, URL_A), SECRET, URL_A)).toBe("ключ-é-1");
  });
});

