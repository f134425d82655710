import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";

/**
 * A tiny OpenID Connect issuer on loopback for the OAuth tests: discovery, JWKS, and a token
 * endpoint that trades a code the test registered for an RS256-signed id token. No /authorize
 * page: a test reads the state next-auth put in the authorization URL and calls the callback
 * itself, with that state or a wrong one.
 */
export interface OidcIssuer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** A one-time code that the token endpoint trades for an id token with these claims. */
  issueCode(claims: { sub: string; email?: string; name?: string }): string;
  /** Codes the token endpoint has been asked for (a refused callback must not get this far). */
  redeemed: string[];
  close(): Promise<void>;
}

export async function startOidcIssuer(): Promise<OidcIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const clientId = "kba-test-client";
  const clientSecret = "kba-test-secret";
  const codes = new Map<string, { sub: string; email?: string; name?: string }>();
  const redeemed: string[] = [];
  let url = "";

  const server: Server = createServer((req, res) => {
    void handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      },
      () => {
        res.writeHead(500).end();
      },
    );
  });

  async function handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = new URL(req.url ?? "/", url).pathname;
    if (path === "/.well-known/openid-configuration")
      return {
        status: 200,
        body: {
          issuer: url,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
          jwks_uri: `${url}/jwks`,
          userinfo_endpoint: `${url}/userinfo`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          code_challenge_methods_supported: ["S256"],
        },
      };
    if (path === "/jwks") return { status: 200, body: { keys: [jwk] } };
    if (path === "/token" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const code = form.get("code") ?? "";
      redeemed.push(code);
      const claims = codes.get(code);
      codes.delete(code);
      if (!claims) return { status: 400, body: { error: "invalid_grant" } };
      return {
        status: 200,
        body: {
          access_token: "access-token-that-must-not-be-stored",
          refresh_token: "refresh-token-that-must-not-be-stored",
          token_type: "Bearer",
          expires_in: 300,
          id_token: await idToken(privateKey, { ...claims, iss: url, aud: clientId }),
        },
      };
    }
    return { status: 404, body: { error: "not_found" } };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    url,
    clientId,
    clientSecret,
    redeemed,
    issueCode(claims) {
      const code = `code-${++next}`;
      codes.set(code, claims);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function idToken(
  key: CryptoKey,
  claims: { sub: string; email?: string; name?: string; iss: string; aud: string },
): Promise<string> {
  const { sub, iss, aud, ...profile } = claims;
  return new SignJWT(profile)
    .setProtectedHeader({ alg: "RS256", kid: "test-key" })
    .setSubject(sub)
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}
