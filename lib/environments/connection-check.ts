import "server-only";
import { API_VERSION, isRedirectStatus } from "@/lib/userpilot/client";
import { classifyNetworkError, NETWORK_ERROR_MESSAGES } from "@/lib/userpilot/network-errors";
import type { ResolvedEnvironment } from "./store";

export type ConnectionCheck = { verdict: "accepted" | "rejected" | "unclear"; status: number | null; message: string };

const HINT = "GET /v1/validate is not in Userpilot's API description: treat this as a hint, not a guarantee.";

/** Asks Userpilot whether it knows the key, the way its Segment integration does. Fixed words only. */
export async function checkConnection(environment: ResolvedEnvironment): Promise<ConnectionCheck> {
  let url: URL;
  let headers: Headers;
  try {
    url = new URL(`${environment.baseUrl}/v1/validate`);
    headers = new Headers({ Authorization: `Token ${environment.apiKey}`, "X-API-Version": API_VERSION });
  } catch {
    return { verdict: "unclear", status: null, message: NETWORK_ERROR_MESSAGES.request_invalid };
  }
  try {
    const response = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(10_000),
      cache: "no-store",
      redirect: "manual",
    });
    await response.body?.cancel();
    if (isRedirectStatus(response.status)) {
      return {
        verdict: "unclear",
        status: response.status,
        message: `Userpilot answered a redirect (${response.status}); check the environment's URL. The redirect was not followed.`,
      };
    }
    if (response.ok) return { verdict: "accepted", status: response.status, message: `Userpilot accepted the key. ${HINT}` };
    if (response.status === 401 || response.status === 403) {
      return { verdict: "rejected", status: response.status, message: `Userpilot rejected the key: check it is the API key, not the App Token, and the region. ${HINT}` };
    }
    return { verdict: "unclear", status: response.status, message: `Userpilot answered ${response.status}. ${HINT}` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      verdict: "unclear",
      status: null,
      message: timedOut ? "Userpilot did not answer within 10 s" : NETWORK_ERROR_MESSAGES[classifyNetworkError(error)],
    };
  }
}
