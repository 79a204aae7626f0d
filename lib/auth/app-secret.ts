import "server-only";
import { env } from "@/lib/env";
import { generatedSecret } from "@/lib/secrets/generated-secret";

let cached: string | undefined;

/**
 * APP_SECRET signs sessions and derives the key that encrypts stored API keys. Without it, one is made on
 * first start next to the database, readable by the owner only, and kept for later starts.
 */
export function appSecret(): string {
  if (cached) return cached;
  const configured = env().APP_SECRET;
  if (configured) return (cached = configured);
  const secret = generatedSecret("app-secret");
  if (secret.created) {
    console.warn(
      `APP_SECRET is not set: generated one in ${secret.file} (owner-only). Back it up with the database; ` +
        "without it, stored API keys can't be decrypted. Set APP_SECRET to manage it yourself.",
    );
  }
  return (cached = secret.value);
}
