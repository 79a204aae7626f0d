import "server-only";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins/admin";
import { adminAc, defaultAc } from "better-auth/plugins/admin/access";
import { databaseNow } from "@/lib/db/client";
import { env } from "@/lib/env";
import { appSecret } from "./app-secret";
import { ssoDatabaseHooks, ssoPlugins } from "./sso";

const SESSION_HOURS = 12;

function appOrigins(): { baseURL: string; trusted: string[] } {
  const { APP_URL, PORT } = env();
  const local = [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`];
  return { baseURL: APP_URL ?? local[0]!, trusted: APP_URL ? [APP_URL, ...local] : local };
}

function createAuth() {
  const origins = appOrigins();
  return betterAuth({
    appName: "Identify Console",
    database: { db: databaseNow(), type: "sqlite" },
    secret: appSecret(),
    baseURL: origins.baseURL,
    trustedOrigins: origins.trusted,
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
      // Secure cookies whenever the console is served over HTTPS (APP_URL=https://...).
      useSecureCookies: origins.baseURL.startsWith("https://"),
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    plugins: [
      admin({
        roles: { admin: adminAc, operator: defaultAc.newRole({ user: [], session: [] }), viewer: defaultAc.newRole({ user: [], session: [] }) },
        defaultRole: "viewer",
        adminRoles: ["admin"],
        bannedUserMessage: "This account is deactivated. Ask an admin to reactivate it.",
      }),
      ...ssoPlugins(),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { __identifyConsoleAuth?: Auth };

export function auth(): Auth {
  holder.__identifyConsoleAuth ??= createAuth();
  return holder.__identifyConsoleAuth;
}
