import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { accountWithRole } from "../support/accounts";
import { startOidcIssuer, type OidcIssuer } from "../support/oidc-issuer";

/**
 * OAuth sign-in through next-auth's real callback route, with the generic OIDC provider pointed
 * at a tiny issuer on loopback (tests/support/oidc-issuer.ts): a callback whose state is not the
 * one this browser was given is refused with a clear error and creates nothing; a good one makes
 * a player account linked to the identity (and keeps no provider token); an identity whose email
 * belongs to an existing account is never linked to it by that email.
 */
describe("OAuth sign-in with a generic OIDC provider", () => {
  let issuer: OidcIssuer;
  let app: HttpApp;

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    app = await startHttpApp({
      env: {
        OIDC_ISSUER: issuer.url,
        OIDC_CLIENT_ID: issuer.clientId,
        OIDC_CLIENT_SECRET: issuer.clientSecret,
        OIDC_NAME: "Test SSO",
      },
    });
    // Not a fresh install: a new OAuth account gets the ordinary role.
    await accountWithRole(app, "Admin", "ADMIN");
  });
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  /** Starts a sign-in as a browser does: the cookies it holds and the state it was sent off with. */
  async function startSignIn(session = ""): Promise<{ cookie: string; state: string }> {
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = [session, cookiesOf(csrf)].filter(Boolean).join("; ");
    const started = await fetch(`${app.url}/api/auth/signin/oidc`, {
      method: "POST",
      headers: { cookie: jar, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${app.url}/profile`, json: "true" }),
      redirect: "manual",
    });
    const { url } = (await started.json()) as { url: string };
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe(`${issuer.url}/authorize`);
    const state = authorize.searchParams.get("state");
    if (!state) throw new Error("no state in the authorization URL");
    return { cookie: [jar, cookiesOf(started)].filter(Boolean).join("; "), state };
  }

  function callback(query: Record<string, string>, cookie: string) {
    return fetch(`${app.url}/api/auth/callback/oidc?${new URLSearchParams(query)}`, {
      headers: { cookie },
      redirect: "manual",
    });
  }

  /**
   * Where the browser ends up: next-auth sends an error through its own /api/auth/error and
   * /api/auth/signin first, which pass it on to our sign-in page (pages), where it is explained.
   */
  async function landing(answer: Response): Promise<URL> {
    let location = new URL(answer.headers.get("location") ?? "", app.url);
    expect(answer.status).toBe(302);
    for (let hop = 0; hop < 3 && location.pathname.startsWith("/api/auth/"); hop++) {
      const next = await fetch(location, { redirect: "manual" });
      expect(next.status).toBe(302);
      location = new URL(next.headers.get("location") ?? "", app.url);
    }
    return location;
  }

  const counts = async () => ({
    users: await app.db.prisma.user.count(),
    accounts: await app.db.prisma.account.count(),
  });

  it("refuses a callback with a wrong or missing state, creating nothing", async () => {
    const before = await counts();
    const { cookie, state } = await startSignIn();
    const code = issuer.issueCode({ sub: "mallory", email: "mallory@example.org" });
    const cases: { query: Record<string, string>; cookie: string }[] = [
      { query: { code, state: `${state}x` }, cookie },
      { query: { code }, cookie },
      // Right state, but not the browser that started: no state cookie to match it.
      { query: { code, state }, cookie: "" },
    ];
    for (const { query, cookie: jar } of cases) {
      const answer = await callback(query, jar);
      expect(answer.status).toBe(302);
      const location = await landing(answer);
      expect(location.pathname).toBe("/signin");
      expect(location.searchParams.get("error")).toBe("OAuthCallback");
      expect(answer.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(false);
    }
    // Refused before the code was ever traded for tokens.
    expect(issuer.redeemed).not.toContain(code);
    expect(await counts()).toEqual(before);
  });

  it("signs a new person up as a player, linked to the identity, keeping no provider token", async () => {
    const { cookie, state } = await startSignIn();
    const code = issuer.issueCode({ sub: "oid-42", email: "Nora@Example.org", name: "Nora" });
    const answer = await callback({ code, state }, cookie);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`${app.url}/profile`);
    expect(answer.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(true);

    const user = await app.db.prisma.user.findUniqueOrThrow({
      where: { email: "nora@example.org" },
      include: { accounts: true },
    });
    expect(user).toMatchObject({ name: "Nora", role: "PLAYER", passwordHash: null });
    expect(user.accounts).toEqual([
      expect.objectContaining({ provider: "oidc", providerAccountId: "oid-42", type: "oauth" }),
    ]);
    const columns = await app.db.prisma.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'Account'`;
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      ["createdAt", "id", "provider", "providerAccountId", "type", "userId"].sort(),
    );
  });

  it("never links an identity to an existing account by its email, only by the signed-in owner", async () => {
    const owner = await accountWithRole(app, "Owner", "HOST");
    const before = await counts();
    const { cookie, state } = await startSignIn();
    const code = issuer.issueCode({ sub: "impostor", email: owner.email, name: "Not the owner" });
    const answer = await callback({ code, state }, cookie);
    const location = await landing(answer);
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("error")).toBe("OAuthAccountNotLinked");
    expect(await counts()).toEqual(before);
    expect(await app.db.prisma.account.count({ where: { userId: owner.id } })).toBe(0);

    // The owner links it explicitly: signed in, they sign in with the provider.
    const linking = await startSignIn(owner.cookie);
    const ownCode = issuer.issueCode({ sub: "owner-oid", email: owner.email, name: "Owner" });
    await callback({ code: ownCode, state: linking.state }, linking.cookie);
    const linked = await app.db.prisma.account.findMany({ where: { userId: owner.id } });
    expect(linked.map((a) => a.providerAccountId)).toEqual(["owner-oid"]);
    expect((await counts()).users).toBe(before.users);
  });
});

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
