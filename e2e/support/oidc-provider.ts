import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { freePort } from "./app-server";

/**
 * A local OpenID Connect provider (panva's oidc-provider) standing in for a company's identity provider.
 * It serves discovery, authorization, token, userinfo and JWKS on 127.0.0.1, registers one confidential
 * client, and signs people in through its development login page: any password is accepted for the
 * accounts it was given. Consent is skipped, as a company provider does for its own first-party apps.
 */

export type OidcAccount = { id: string; email: string; name: string };

export type OidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
};

export type OidcProviderOptions = {
  /** The redirect URIs registered for the client (the console's /api/auth/callback/oidc). */
  redirectUris: string[];
  accounts: OidcAccount[];
};

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "identify-console-e2e";
  const clientSecret = randomBytes(24).toString("base64url");
  const accounts = new Map(options.accounts.map((account) => [account.id, account]));
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "e2e", alg: "RS256", use: "sig" }] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    ttl: {
      Interaction: 600,
      Session: 600,
      Grant: 600,
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
    },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: true, name: account.name };
        },
      };
    },
    // No consent screen: grant the client what it asks for, once the person has signed in.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, provider: self } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = session.grantIdFor(client.clientId);
      if (grantId) return self.Grant.find(grantId);
      const grant = new self.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
