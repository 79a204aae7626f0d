import "server-only";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins/admin";
import { defaultAc } from "better-auth/plugins/admin/access";
import { databaseNow } from "@/lib/db/client";
import { databaseKind, env } from "@/lib/env";
import { appSecret } from "./app-secret";
import { CLIENT_IP_HEADER } from "./client-ip";
import { ssoDatabaseHooks, ssoPlugins } from "./sso";

const SESSION_HOURS = 12;

function appOrigins(): { baseURL: string; trusted: string[] } {
  const { APP_URL, PORT } = env();
  const local = [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`];
  return { baseURL: APP_URL ?? local[0]!, trusted: APP_URL ? [APP_URL, ...local] : local };
}

// The console manages accounts through its own routes, with its own rules and audit; of the admin plugin it
// uses only user creation, called server-side without a session after its own permission check. No role
// holds any of the plugin's permissions (so no impersonation or password setting, whoever asks), and none
// of its endpoints is served.
const PERMISSIONS_NONE = defaultAc.newRole({ user: [], session: [] });
const adminPlugin = admin({
  roles: { admin: PERMISSIONS_NONE, operator: PERMISSIONS_NONE, viewer: PERMISSIONS_NONE },
  defaultRole: "viewer",
  adminRoles: ["admin"],
  bannedUserMessage: "This account is deactivated. Ask an admin to reactivate it.",
});
export const ADMIN_ENDPOINT_PATHS = Object.values(adminPlugin.endpoints).map((endpoint) => endpoint.path);

function createAuth() {
  const origins = appOrigins();
  return betterAuth({
    appName: "Identify Console",
    database: { db: databaseNow(), type: databaseKind() },
    secret: appSecret(),
    baseURL: origins.baseURL,
    trustedOrigins: origins.trusted,
    disabledPaths: ADMIN_ENDPOINT_PATHS,
    emailAndPassword: {
      enabled: true,
      // Accounts are created by admins (or the first-admin set-up), never by sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
    },
    // Single sign-on, when OIDC_* is set: first-time users get OIDC_DEFAULT_ROLE.
    databaseHooks: ssoDatabaseHooks(),
    session: { expiresIn: SESSION_HOURS * 3600, updateAge: 3600 },
    // Single sign-on stores the provider's tokens; they are sealed with the app secret, not kept in clear.
    account: { encryptOAuthTokens: true },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: env().SIGN_IN_ATTEMPTS_PER_MINUTE },
        // Starting single sign-on; without this rule the library's default allows 3 per 10 s.
        "/sign-in/social": { window: 60, max: env().SIGN_IN_ATTEMPTS_PER_MINUTE },
      },
    },
    advanced: {
      // The auth route puts the address it trusts (see client-ip.ts) here and drops forwarding headers.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // Secure cookies whenever the console is served over HTTPS (APP_URL=https://...).
      useSecureCookies: origins.baseURL.startsWith("https://"),
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    plugins: [adminPlugin, ...ssoPlugins(), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { __identifyConsoleAuth?: Auth };

export function auth(): Auth {
  holder.__identifyConsoleAuth ??= createAuth();
  return holder.__identifyConsoleAuth;
}
