import "server-only";
import { env } from "@/lib/env";
import { generatedSecret } from "@/lib/secrets/generated-secret";

let cached: string | undefined;

/**
 * The one key the built-in sandbox accepts. A public default would let anyone write into the app's
 * database through /api/sandbox/v1, so without SANDBOX_API_KEY a random one is made next to the database
 * and only this server knows it.
 */
export function inAppSandboxKey(): string {
  if (cached) return cached;
  const configured = env().SANDBOX_API_KEY;
  if (configured) return (cached = configured);
  const secret = generatedSecret("sandbox-api-key");
  if (secret.created) console.log(`Sandbox: generated its API key in ${secret.file} (owner-only).`);
  return (cached = secret.value);
}
