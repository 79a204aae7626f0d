import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { API_KEY_PATTERN } from "@/lib/environments/key-format";

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const wholeNumber = (fallback: number, min: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `must be a whole number, at least ${min}` })
      .int({ error: `must be a whole number, at least ${min}` })
      .min(min, { error: `must be a whole number, at least ${min}` })
      .default(fallback),
  );

const envSchema = z.object({
  USERPILOT_API_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(API_KEY_PATTERN, { error: "can only contain printable characters without spaces or line breaks" })
      .optional(),
  ),
  USERPILOT_REGION: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["us", "eu"], { error: "must be one of: us, eu" }).default("us"),
  ),
  USERPILOT_API_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://proxy.example.com" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
        error:
          "must be a SQLite file URL such as file:./data/identify-console.db, or a PostgreSQL URL such as postgres://user:password@host:5432/identify_console",
      })
      .default("file:./data/identify-console.db"),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a port number (1-65535)" })
      .int({ error: "must be a port number (1-65535)" })
      .min(1, { error: "must be a port number (1-65535)" })
      .max(65535, { error: "must be a port number (1-65535)" })
      .default(3000),
  ),
  // No default: the built-in sandbox generates its own key (lib/sandbox/in-app-key.ts).
  SANDBOX_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  SANDBOX_RATE_LIMIT_PER_MINUTE: wholeNumber(600, 0),
  SANDBOX_JOB_STEP_MS: wholeNumber(2000, 0),
  USERPILOT_TIMEOUT_MS: wholeNumber(10_000, 1),
  USERPILOT_MAX_RETRIES: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(8).default(4)),
  USERPILOT_RETRY_BASE_MS: wholeNumber(1000, 0),
  // Userpilot's limit per API key, and its window (tests scale the window to seconds): lib/userpilot/pace.ts.
  UPSTREAM_RATE_PER_MINUTE: wholeNumber(600, 1),
  UPSTREAM_RATE_WINDOW_MS: wholeNumber(60_000, 100),
  // How long a bulk job waits between two polls of Userpilot's job status.
  BULK_POLL_MS: wholeNumber(2000, 10),
  // How long a server's claim on a bulk job holds unless renewed (PostgreSQL, several servers): when its
  // server dies, another takes the job over this long after the last renewal (lib/bulk/job-lease.ts).
  BULK_LEASE_MS: wholeNumber(30_000, 300),
  APP_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(32, { error: "must be at least 32 characters (e.g. openssl rand -base64 32)" }).optional(),
  ),
  APP_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be the console's public URL, e.g. https://identify.example.com" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  ),
  ADMIN_EMAIL: z.preprocess(blankToUndefined, z.email({ error: "must be an email address" }).optional()),
  ADMIN_PASSWORD: z.preprocess(
    blankToUndefined,
    z.string().min(10, { error: "must be at least 10 characters" }).optional(),
  ),
  SANDBOX: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  ),
  SIGN_IN_ATTEMPTS_PER_MINUTE: wholeNumber(10, 1),
  // How many proxies in front of the console append to X-Forwarded-For; 0 trusts no forwarding header.
  TRUSTED_PROXY_HOPS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a whole number from 0 to 10 (proxies in front of the console)" })
      .int({ error: "must be a whole number from 0 to 10 (proxies in front of the console)" })
      .min(0, { error: "must be a whole number from 0 to 10 (proxies in front of the console)" })
      .max(10, { error: "must be a whole number from 0 to 10 (proxies in front of the console)" })
      .default(0),
  ),
  HISTORY_RETENTION_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1, { error: "must be a whole number of days, at least 1" }).default(90),
  ),
  HISTORY_REDACT_KEYS: z
    .preprocess((value) => (value === undefined ? "email,name" : value), z.string())
    .transform((list) =>
      list
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  // http:// hosts (host:port, or a bare host for any port) a custom environment URL may use; https is always allowed.
  UPSTREAM_ALLOWED_HOSTS: z
    .preprocess((value) => value ?? "", z.string())
    .transform((list) =>
      list
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  OIDC_ISSUER: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be the OpenID Connect issuer URL, e.g. https://login.example.com" })
      // Accept the discovery document's URL too; the issuer is what comes before it.
      .transform((url) => url.replace(/\/+$/, "").replace(/\/\.well-known\/openid-configuration$/, ""))
      .optional(),
  ),
  OIDC_CLIENT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  OIDC_PROVIDER_NAME: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z.string().default("SSO"),
  ),
  OIDC_DEFAULT_ROLE: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` }).default("viewer"),
  ),
  // Email domains allowed to get an account through single sign-on; empty allows any.
  OIDC_ALLOWED_DOMAINS: z
    .preprocess((value) => (value === undefined ? "" : value), z.string())
    .transform((list, context) => {
      const domains = list
        .split(",")
        .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean);
      const bad = domains.filter((domain) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain));
      if (bad.length > 0) {
        context.addIssue({
          code: "custom",
          message: `must be email domains separated by commas, e.g. example.com,example.org (not: ${bad.join(", ")})`,
        });
        return z.NEVER;
      }
      return domains;
    }),
}).superRefine((config, context) => {
  // Every server of a PostgreSQL deployment must seal keys and sign sessions with the same secret: one
  // generated per server would lock the others out.
  if (databaseKind(config) === "postgres" && config.APP_SECRET === undefined) {
    context.addIssue({
      code: "custom",
      path: ["APP_SECRET"],
      message: "must be set when DATABASE_URL is PostgreSQL: every server behind one address needs the same secret",
    });
  }
  // Single sign-on is on with all three, off with none; a partial set is a mistake worth stopping for.
  const sso = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const set = sso.filter((name) => config[name] !== undefined);
  if (set.length === 0 || set.length === sso.length) return;
  for (const name of sso.filter((name) => config[name] === undefined)) {
    context.addIssue({
      code: "custom",
      path: [name],
      message: `must be set too: single sign-on needs ${sso.join(", ")} (${set.join(", ")} ${set.length === 1 ? "is" : "are"} set)`,
    });
  }
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(issues: readonly z.core.$ZodIssue[]) {
    super(
      "Invalid configuration:\n" +
        issues.map((issue) => `  - ${issue.path.join(".") || "environment"}: ${issue.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new ConfigError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration, parsed once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(config: Pick<Env, "DATABASE_URL"> = env()): DatabaseKind {
  return config.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgres";
}

/** The SQLite file, or, on PostgreSQL, where this server keeps its local files (./data). */
export function sqlitePath(config: Env = env()): string {
  return databaseKind(config) === "sqlite" ? config.DATABASE_URL.slice("file:".length) : "./data/identify-console.db";
}
