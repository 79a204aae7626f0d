import "server-only";
import { API_VERSION } from "@/lib/userpilot/client";
import type { ResolvedEnvironment } from "./store";

export type ConnectionCheck = { verdict: "accepted" | "rejected" | "unclear"; status: number | null; message: string };

const HINT = "GET /v1/validate is not in Userpilot's API description: treat this as a hint, not a guarantee.";

/** Asks Userpilot whether it knows the key, the way its Segment integration does. */
export async function checkConnection(environment: ResolvedEnvironment): Promise<ConnectionCheck> {
  try {
    const response = await fetch(`${environment.baseUrl}/v1/validate`, {
      headers: { Authorization: `Token ${environment.apiKey}`, "X-API-Version": API_VERSION },
      signal: AbortSignal.timeout(10_000),
      cache: "no-store",
    });
    await response.body?.cancel();
    if (response.ok) return { verdict: "accepted", status: response.status, message: `Userpilot accepted the key. ${HINT}` };
    if (response.status === 401 || response.status === 403) {
      return { verdict: "rejected", status: response.status, message: `Userpilot rejected the key: check it is the API key, not the App Token, and the region. ${HINT}` };
    }
    return { verdict: "unclear", status: response.status, message: `Userpilot answered ${response.status}. ${HINT}` };
  } catch (error) {
    return { verdict: "unclear", status: null, message: `Userpilot could not be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
}
