import "server-only";
import { createHmac } from "node:crypto";
import { databaseKind, env } from "@/lib/env";
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
  // Servers sharing a PostgreSQL database share APP_SECRET (required there), so each derives the same key.
  if (databaseKind() === "postgres") {
    return (cached = createHmac("sha256", env().APP_SECRET ?? "").update("identify-console sandbox api key").digest("base64url"));
  }
  const secret = generatedSecret("sandbox-api-key");
  if (secret.created) console.log(`Sandbox: generated its API key in ${secret.file} (owner-only).`);
  return (cached = secret.value);
}
