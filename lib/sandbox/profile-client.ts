import "server-only";
import { z } from "zod";

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

/** Reads a profile from whichever sandbox the console sends to (its own, or the one at USERPILOT_API_URL). */
export async function fetchSandboxProfile(baseUrl: string, userId: string): Promise<ProfileLookup> {
  try {
    const response = await fetch(`${baseUrl}/_sandbox/users/${encodeURIComponent(userId)}`, {
      cache: "no-store",
      signal: AbortSignal.timeout(5000),
    });
    if (response.status === 404) return { kind: "not_found" };
    const parsed = profileSchema.safeParse(await response.json());
    if (!response.ok || !parsed.success) {
      return {
        kind: "unavailable",
        message: `The sandbox answered ${response.status} with an unexpected body`,
      };
    }
    return { kind: "found", profile: parsed.data };
  } catch (error) {
    return { kind: "unavailable", message: error instanceof Error ? error.message : String(error) };
  }
}
