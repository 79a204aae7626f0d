"use client";

import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { z } from "zod";
import { safeNext } from "@/lib/auth/safe-next";
import { requestJson } from "@/lib/browser/request-json";

type Props = {
  /** The provider's id and button label; the page passes them only when single sign-on is configured. */
  sso: { providerId: string; name: string };
  next: string;
  /** Why the last attempt came back without a session, already worded by the server. */
  error: string | null;
};

/** Asks the auth library for the provider's authorization URL, where the browser then goes. */
async function authorizationUrl(
  providerId: string,
  next: string,
): Promise<{ url: string } | { error: string }> {
  const target = safeNext(next, window.location.origin);
  // The auth library answers errors in its own shape: only the status matters here.
  const result = await requestJson("/api/auth/sign-in/social", z.object({ url: z.string() }), {
    method: "POST",
    body: {
      provider: providerId,
      callbackURL: target,
      errorCallbackURL: `/login?next=${encodeURIComponent(target)}`,
      disableRedirect: true,
    },
  });
  if (result.ok) return { url: result.data.url };
  if (result.status === 429) return { error: "Too many sign-in attempts. Wait a minute, then try again." };
  return { error: "Single sign-on could not be started. Try again, or ask an admin." };
}

const noSubscription = () => () => {};

export function SsoSignIn({ sso, next, error: initialError }: Props) {
  // False in the server's HTML, true once hydrated: a click before then would do nothing.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(initialError);

  return (
    <div className="space-y-3">
      <p className="flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
        or
      </p>
      <Button
        className="w-full"
        disabled={!hydrated || pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          const started = await authorizationUrl(sso.providerId, next);
          if ("url" in started) {
            window.location.assign(started.url);
            return;
          }
          setError(started.error);
          setPending(false);
        }}
      >
        {pending ? `Going to ${sso.name}…` : `Sign in with ${sso.name}`}
      </Button>
      {error && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
