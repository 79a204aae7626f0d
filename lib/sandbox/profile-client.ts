import "server-only";
import { z } from "zod";
import { getJson, type RetryPolicy } from "@/lib/userpilot/client";
import { sandboxUserPath } from "@/lib/userpilot/protocol";

const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const profileSchema = z.object({
  user: z.object({
    user_id: z.string(),
    metadata: z.record(z.string(), primitive),
    company_id: z.string().nullable(),
    updated_at: z.string(),
  }),
  company: z
    .object({ company_id: z.string(), metadata: z.record(z.string(), primitive), updated_at: z.string() })
    .nullable(),
});
export type SandboxProfile = z.infer<typeof profileSchema>;

export type ProfileLookup =
  | { kind: "found"; profile: SandboxProfile }
  | { kind: "not_found" }
  | { kind: "unavailable"; message: string };

/** Reads a lookup's answer: the profile, "no such user", or why it could not be read. */
export function parseProfileAnswer(status: number, body: string): ProfileLookup {
  if (status === 404) return { kind: "not_found" };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = profileSchema.safeParse(json);
  if (status !== 200 || !parsed.success) {
    return { kind: "unavailable", message: `The sandbox answered ${status} with an unexpected body` };
  }
  return { kind: "found", profile: parsed.data };
}

/** One try, 5 s: the page waits for it. A profile may be larger than a send's recorded answer. */
const LOOKUP_POLICY: RetryPolicy = { timeoutMs: 5000, maxRetries: 0, retryBaseMs: 0 };
const PROFILE_BODY_CAP = 1024 * 1024;

/** Reads a profile from an external sandbox (the standalone one at USERPILOT_API_URL), over HTTP. */
export async function fetchSandboxProfile(baseUrl: string, userId: string): Promise<ProfileLookup> {
  const result = await getJson({ baseUrl }, sandboxUserPath(userId), LOOKUP_POLICY, { bodyCap: PROFILE_BODY_CAP });
  if (result.kind !== "response") return { kind: "unavailable", message: result.message };
  return parseProfileAnswer(result.status, result.body);
}
