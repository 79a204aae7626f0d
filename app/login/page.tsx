import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignIn } from "@/components/auth/sso-sign-in";
import { safeNext } from "@/lib/auth/safe-next";
import { currentActor } from "@/lib/auth/session";
import { ssoButton, ssoErrorMessage } from "@/lib/auth/sso";
import { hasActiveAdmin } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  if (await currentActor()) redirect(next);
  // Single sign-on's button, when configured; `error` is where its callback reports a failed attempt.
  const sso = ssoButton();
  // Until the first admin exists, single sign-on would create accounts nobody can manage (and block set-up).
  const ssoOpen = sso !== null && (await hasActiveAdmin());
  const ssoError = ssoErrorMessage(typeof params.error === "string" ? params.error : undefined, sso);
  return (
    <div className="mx-auto max-w-sm space-y-6 pt-8">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">
          {sso
            ? `Staff only: sign in with ${sso.name}, or with a password account an admin created.`
            : "Staff only. Accounts are created by an admin."}
        </p>
      </div>
      <SignInForm next={next} />
      {sso && !ssoOpen && (
        <p
          role={ssoError ? "alert" : "status"}
          className={ssoError ? "text-sm font-medium text-rose-700" : "text-sm text-slate-600"}
        >
          {ssoError ?? "Single sign-on opens once the first admin is set up."}
        </p>
      )}
      {sso && ssoOpen && <SsoSignIn sso={sso} next={next} error={ssoError} />}
    </div>
  );
}
