import "server-only";
import { getJson, isRedirectStatus, type RetryPolicy } from "@/lib/userpilot/client";
import { USERPILOT_PATHS } from "@/lib/userpilot/protocol";
import type { ResolvedEnvironment } from "./store";

export type ConnectionCheck = { verdict: "accepted" | "rejected" | "unclear"; status: number | null; message: string };

const HINT = `GET ${USERPILOT_PATHS.validate} is not in Userpilot's API description: treat this as a hint, not a guarantee.`;

/** One try, 10 s: an admin is waiting for the verdict, and a retry would only make them wait longer. */
export const CONNECTION_CHECK_POLICY: RetryPolicy = { timeoutMs: 10_000, maxRetries: 0, retryBaseMs: 0 };

/** Asks Userpilot whether it knows the key, the way its Segment integration does. Fixed words only. */
export async function checkConnection(
  environment: ResolvedEnvironment,
  policy: RetryPolicy = CONNECTION_CHECK_POLICY,
): Promise<ConnectionCheck> {
  const result = await getJson(environment, USERPILOT_PATHS.validate, policy);
  if (result.kind !== "response") {
    const message =
      result.kind === "timeout" ? `Userpilot did not answer within ${policy.timeoutMs / 1000} s` : result.message;
    return { verdict: "unclear", status: null, message };
  }
  const { status } = result;
  // fetch never hands back a 1xx: below 300 is a 2xx.
  if (status < 300) return { verdict: "accepted", status, message: `Userpilot accepted the key. ${HINT}` };
  if (isRedirectStatus(status)) {
    return {
      verdict: "unclear",
      status,
      message: `Userpilot answered a redirect (${status}); check the environment's URL. The redirect was not followed.`,
    };
  }
  if (status === 401 || status === 403) {
    return { verdict: "rejected", status, message: `Userpilot rejected the key: check it is the API key, not the App Token, and the region. ${HINT}` };
  }
  return { verdict: "unclear", status, message: `Userpilot answered ${status}. ${HINT}` };
}
