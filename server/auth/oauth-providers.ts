import type { Provider } from "next-auth/providers/index";
import type { OAuthConfig } from "next-auth/providers/oauth";
import GitHubProviderImport from "next-auth/providers/github";
import GoogleProviderImport from "next-auth/providers/google";
import type { EnabledProvider } from "@/lib/contract/accounts";
import type { Config } from "../config";

/**
 * The OAuth providers this install has switched on: each exactly when its settings are present
 * (server/config.ts refuses half a provider). Sign-in is all they are used for: the profile's id,
 * name, email and picture; see prisma/schema.prisma's Account for why no provider token is kept.
 */

/** next-auth is CommonJS: bundlers hand over the default export, plain Node ESM the module. */
function interop<T>(value: T): T {
  return typeof value === "function" ? value : (value as unknown as { default: T }).default;
}
const GitHubProvider = interop(GitHubProviderImport);
const GoogleProvider = interop(GoogleProviderImport);

export type { EnabledProvider };

/** What an OIDC issuer's userinfo / id token says; the standard claims only. */
interface OidcProfile {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  picture?: string;
}

/** A generic OpenID Connect issuer, found through its discovery document. */
export function oidcProvider(opts: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
}): OAuthConfig<OidcProfile> {
  const issuer = opts.issuer.replace(/\/+$/, "");
  return {
    id: "oidc",
    name: opts.name,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    // PKCE and state both: a callback must come from the browser that started the sign-in.
    checks: ["pkce", "state"],
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    profile: (profile) => ({
      id: profile.sub,
      name: profile.name ?? profile.preferred_username ?? null,
      email: profile.email ?? null,
      image: profile.picture ?? null,
    }),
  };
}

export function oauthProviders(config: Config): Provider[] {
  const providers: Provider[] = [];
  if (config.GITHUB_ID && config.GITHUB_SECRET)
    providers.push(
      GitHubProvider({ clientId: config.GITHUB_ID, clientSecret: config.GITHUB_SECRET }),
    );
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET)
    providers.push(
      GoogleProvider({
        clientId: config.GOOGLE_CLIENT_ID,
        clientSecret: config.GOOGLE_CLIENT_SECRET,
      }),
    );
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET)
    providers.push(
      oidcProvider({
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        name: config.OIDC_NAME,
      }),
    );
  return providers;
}

/** The sign-in page's buttons: ids and names only, never a secret. */
export function enabledProviders(config: Config): EnabledProvider[] {
  return oauthProviders(config).map((p) => ({
    id: p.id as EnabledProvider["id"],
    name: p.name,
  }));
}
