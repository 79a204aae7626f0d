import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { APIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { audit } from "@/lib/audit/audit-log";
import { env, type Env } from "@/lib/env";
import { hasActiveAdmin } from "./users";

/**
 * Single sign-on through the company's OpenID Connect provider, on when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET are set (lib/env.ts refuses a partial set). Without them nothing here takes effect.
 */

/** Our id for the provider: it names the callback route (/api/auth/callback/oidc) and the account rows. */
export const SSO_PROVIDER_ID = "oidc";

export type SsoConfig = {
  name: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  defaultRole: Env["OIDC_DEFAULT_ROLE"];
  /** Email domains that may get an account through SSO; empty allows any. */
  allowedDomains: string[];
};

export function ssoConfig(config: Env = env()): SsoConfig | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = config;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    name: config.OIDC_PROVIDER_NAME,
    discoveryUrl: `${OIDC_ISSUER}/.well-known/openid-configuration`,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    defaultRole: config.OIDC_DEFAULT_ROLE,
    allowedDomains: config.OIDC_ALLOWED_DOMAINS,
  };
}

/** What the sign-in page may know: the button's label, never the client's credentials. */
export type SsoButton = { providerId: string; name: string };

export function ssoButton(config: Env = env()): SsoButton | null {
  const sso = ssoConfig(config);
  return sso && { providerId: SSO_PROVIDER_ID, name: sso.name };
}

/** The auth library's plugin for the provider, or nothing when single sign-on is off. */
export function ssoPlugins(sso: SsoConfig | null = ssoConfig()) {
  if (!sso) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: SSO_PROVIDER_ID,
          name: sso.name,
          discoveryUrl: sso.discoveryUrl,
          clientId: sso.clientId,
          clientSecret: sso.clientSecret,
          // client_secret_basic: the OpenID Connect default for a registered confidential client.
          authentication: "basic",
          scopes: ["openid", "email", "profile"],
          pkce: true,
          // Signing in through the company's provider is how staff get an account; email sign-up stays off.
          disableImplicitSignUp: false,
        },
      ],
    }),
  ];
}

/** The account was created by the provider's callback, i.e. someone's first sign-in through SSO. */
function createdBySso(context: { path?: string; params?: Record<string, unknown> } | null): boolean {
  return context?.path === "/callback/:id" && context.params?.id === SSO_PROVIDER_ID;
}

/** Error codes the callback sends back to the sign-in page when it refuses to create an account. */
export const SSO_BEFORE_FIRST_ADMIN = "sso_before_first_admin";
export const SSO_DOMAIN_NOT_ALLOWED = "sso_domain_not_allowed";

export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return allowedDomains.includes(domain);
}

/**
 * Gives someone signing in through SSO for the first time OIDC_DEFAULT_ROLE, and records the new account in
 * the audit log. The admin plugin's own hook runs first and sets "viewer" when no role was given; admins'
 * and the set-up's accounts name theirs. No account is created while there is no active admin (it would
 * block the set-up link and ADMIN_EMAIL, which only work on an empty user table), nor for an email outside
 * OIDC_ALLOWED_DOMAINS.
 */
export function ssoDatabaseHooks(
  sso: SsoConfig | null = ssoConfig(),
  adminExists: () => Promise<boolean> = () => hasActiveAdmin(),
): BetterAuthOptions["databaseHooks"] {
  if (!sso) return undefined;
  return {
    user: {
      create: {
        async before(user, context) {
          if (!createdBySso(context)) return;
          if (!(await adminExists())) {
            throw new APIError("FORBIDDEN", { code: SSO_BEFORE_FIRST_ADMIN, message: "No admin is set up yet" });
          }
          if (!emailDomainAllowed(user.email, sso.allowedDomains)) {
            throw new APIError("FORBIDDEN", { code: SSO_DOMAIN_NOT_ALLOWED, message: "Email domain not allowed" });
          }
          return { data: { ...user, role: sso.defaultRole } };
        },
        async after(user, context) {
          if (!createdBySso(context)) return;
          await audit(`${sso.name} (single sign-on)`, "user.created", user.email, {
            role: sso.defaultRole,
            via: "OIDC",
          });
        },
      },
    },
  };
}

const ERROR_MESSAGES: Record<string, (name: string) => string> = {
  BANNED_USER: () => "This account is deactivated. Ask an admin to reactivate it.",
  access_denied: (name) => `Sign-in with ${name} was cancelled.`,
  account_not_linked: (name) =>
    `An account with your email already exists but isn't linked to ${name}. Sign in with your password, or ask an admin.`,
  email_not_found: (name) => `${name} did not share an email address, which the console needs.`,
  [SSO_BEFORE_FIRST_ADMIN]: () => "Single sign-on opens once the first admin is set up.",
  [SSO_DOMAIN_NOT_ALLOWED]: (name) =>
    `Your ${name} email address is not in a domain allowed to sign in here. Ask an admin for an account.`,
};

/**
 * The message for an error code the provider's callback sends back to the sign-in page. Only known codes are
 * explained; the URL's own description is never shown, so a crafted link can't put words on the page.
 */
export function ssoErrorMessage(code: string | undefined, sso: SsoButton | null): string | null {
  if (!code || !sso) return null;
  const known = ERROR_MESSAGES[code]?.(sso.name);
  if (known) return known;
  const shown = /^[A-Za-z_]{1,40}$/.test(code) ? ` (${code})` : "";
  return `Sign-in with ${sso.name} did not complete${shown}. Try again, or ask an admin.`;
}
