import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { ssoButton, ssoConfig, ssoDatabaseHooks, ssoErrorMessage, ssoPlugins } from "./sso";

const complete = {
  OIDC_ISSUER: "https://login.example.com/",
  OIDC_CLIENT_ID: "identify-console",
  OIDC_CLIENT_SECRET: "s3cret-value",
};

function configError(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("OIDC configuration", () => {
  it("is off without the variables, and nothing of it takes effect", () => {
    const config = parseEnv({});
    expect(ssoConfig(config)).toBeNull();
    expect(ssoButton(config)).toBeNull();
    expect(ssoPlugins(null)).toEqual([]);
    expect(ssoDatabaseHooks(null)).toBeUndefined();
    expect(config.OIDC_PROVIDER_NAME).toBe("SSO");
    expect(config.OIDC_DEFAULT_ROLE).toBe("viewer");
  });

  it("treats blank values as unset", () => {
    expect(ssoConfig(parseEnv({ OIDC_ISSUER: " ", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" }))).toBeNull();
  });

  it("is on with all three, with the discovery URL under the issuer", () => {
    const sso = ssoConfig(
      parseEnv({ ...complete, OIDC_PROVIDER_NAME: " Acme ID ", OIDC_DEFAULT_ROLE: "Operator" }),
    );
    expect(sso).toEqual({
      name: "Acme ID",
      discoveryUrl: "https://login.example.com/.well-known/openid-configuration",
      clientId: "identify-console",
      clientSecret: "s3cret-value",
      defaultRole: "operator",
      allowedDomains: [],
    });
    expect(ssoPlugins(sso)).toHaveLength(1);
  });

  it("accepts the discovery document's URL as the issuer", () => {
    const config = parseEnv({
      ...complete,
      OIDC_ISSUER: "https://kc.example.com/realms/staff/.well-known/openid-configuration",
    });
    expect(ssoConfig(config)?.discoveryUrl).toBe(
      "https://kc.example.com/realms/staff/.well-known/openid-configuration",
    );
  });

  it("gives the sign-in page the label only, never the credentials", () => {
    const button = ssoButton(parseEnv(complete));
    expect(button).toEqual({ providerId: "oidc", name: "SSO" });
    expect(JSON.stringify(button)).not.toContain(complete.OIDC_CLIENT_SECRET);
  });

  it.each([
    ["OIDC_ISSUER", { OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret" }],
    ["OIDC_CLIENT_ID", { OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_SECRET: "secret" }],
    ["OIDC_CLIENT_SECRET", { OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "id" }],
  ])("refuses a partial set, naming the missing %s", (missing, source) => {
    const message = configError(source);
    expect(message).toContain(`${missing}: must be set too`);
    expect(message.match(/must be set too/g)).toHaveLength(1);
  });

  it("names both missing variables when only one is set", () => {
    const message = configError({ OIDC_CLIENT_ID: "id" });
    expect(message).toContain("OIDC_ISSUER: must be set too");
    expect(message).toContain("OIDC_CLIENT_SECRET: must be set too");
    expect(message).not.toContain("OIDC_CLIENT_ID: must");
  });

  it("refuses a bad issuer URL and an unknown role, naming them", () => {
    expect(configError({ ...complete, OIDC_ISSUER: "login.example.com" })).toContain(
      "OIDC_ISSUER: must be the OpenID Connect issuer URL",
    );
    expect(configError({ ...complete, OIDC_DEFAULT_ROLE: "owner" })).toContain(
      "OIDC_DEFAULT_ROLE: must be one of: viewer, operator, admin",
    );
  });
});

describe("the first-sign-in role", () => {
  const before = ssoDatabaseHooks(
    ssoConfig(parseEnv({ ...complete, OIDC_DEFAULT_ROLE: "operator" })),
    async () => true,
  )?.user?.create?.before;
  const user = {
    id: "u1",
    email: "jo@acme.test",
    name: "Jo",
    emailVerified: true,
    createdAt: new Date(),
    updatedAt: new Date(),
    role: "viewer",
  };
  type Context = Parameters<NonNullable<typeof before>>[1];

  it("is OIDC_DEFAULT_ROLE for an account the provider's callback creates", async () => {
    const context = { path: "/callback/:id", params: { id: "oidc" } } as unknown as Context;
    expect(await before?.(user, context)).toEqual({ data: { ...user, role: "operator" } });
  });

  it("is left alone for accounts created any other way", async () => {
    expect(
      await before?.(user, { path: "/admin/create-user", params: {} } as unknown as Context),
    ).toBeUndefined();
    expect(await before?.(user, null)).toBeUndefined();
  });
});

describe("who may get an account through SSO", () => {
  const user = { id: "u1", email: "Jo@Acme.test", name: "Jo", emailVerified: true, createdAt: new Date(), updatedAt: new Date() };
  const fromCallback = { path: "/callback/:id", params: { id: "oidc" } };
  const hookFor = (source: Record<string, string>, adminExists: boolean) =>
    ssoDatabaseHooks(ssoConfig(parseEnv({ ...complete, ...source })), async () => adminExists)?.user?.create?.before;
  type Before = NonNullable<ReturnType<typeof hookFor>>;
  const run = (before: Before | undefined) => before?.(user, fromCallback as unknown as Parameters<Before>[1]);

  it("nobody while there is no active admin, so the set-up link still works", async () => {
    await expect(run(hookFor({}, false))).rejects.toMatchObject({ statusCode: 403, body: { code: "sso_before_first_admin" } });
  });

  it("only OIDC_ALLOWED_DOMAINS when set, ignoring case and a leading @", async () => {
    await expect(run(hookFor({ OIDC_ALLOWED_DOMAINS: "example.com" }, true))).rejects.toMatchObject({
      statusCode: 403,
      body: { code: "sso_domain_not_allowed" },
    });
    await expect(run(hookFor({ OIDC_ALLOWED_DOMAINS: " example.com, @ACME.test " }, true))).resolves.toMatchObject({
      data: { role: "viewer" },
    });
    await expect(run(hookFor({}, true))).resolves.toMatchObject({ data: { role: "viewer" } });
  });

  it("refuses a malformed domain list, naming the variable", () => {
    expect(configError({ OIDC_ALLOWED_DOMAINS: "acme.test, not a domain" })).toContain(
      "OIDC_ALLOWED_DOMAINS: must be email domains separated by commas",
    );
  });

  it("explains the refusals on the sign-in page", () => {
    const sso = { providerId: "oidc", name: "Acme ID" };
    expect(ssoErrorMessage("sso_before_first_admin", sso)).toBe("Single sign-on opens once the first admin is set up.");
    expect(ssoErrorMessage("sso_domain_not_allowed", sso)).toContain("not in a domain allowed");
  });
});

describe("ssoErrorMessage", () => {
  const sso = { providerId: "oidc", name: "Acme ID" };

  it("explains known codes and never echoes arbitrary text", () => {
    expect(ssoErrorMessage(undefined, sso)).toBeNull();
    expect(ssoErrorMessage("BANNED_USER", null)).toBeNull();
    expect(ssoErrorMessage("BANNED_USER", sso)).toBe(
      "This account is deactivated. Ask an admin to reactivate it.",
    );
    expect(ssoErrorMessage("access_denied", sso)).toBe("Sign-in with Acme ID was cancelled.");
    expect(ssoErrorMessage("invalid_code", sso)).toBe(
      "Sign-in with Acme ID did not complete (invalid_code). Try again, or ask an admin.",
    );
    expect(ssoErrorMessage("account_not_linked", sso)).toBe(
      "An account with your email already exists but isn't linked to Acme ID. Sign in with your password, or ask an admin.",
    );
    expect(ssoErrorMessage("email_not_found", sso)).toBe("Acme ID did not share an email address, which the console needs.");
    expect(ssoErrorMessage("x".repeat(40), sso)).toContain(`(${"x".repeat(40)})`);
    expect(ssoErrorMessage("x".repeat(41), sso)).toBe("Sign-in with Acme ID did not complete. Try again, or ask an admin.");
    expect(ssoErrorMessage("Call 555-0100 to verify", sso)).toBe(
      "Sign-in with Acme ID did not complete. Try again, or ask an admin.",
    );
  });
});
