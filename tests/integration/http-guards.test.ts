import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { signIn } from "../support/sign-in-client";

/**
 * Items 13 and 14 over HTTP: Origin checks on state changes and on the Socket.IO handshake,
 * sign-up requires JSON, and bad input (control characters, malformed percent-encoding, a body
 * that does not parse) gets a 4xx with a typed error, never a 500.
 */
const PUBLIC_URL = "https://quiz.example.org";
const EVIL = "https://evil.example";

/** A raw request: fetch would normalise some of the paths under test. */
function raw(
  app: HttpApp,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; json: unknown }> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

let signUps = 0;
/** Each from its own address (TRUST_PROXY=1 here): sign-up's own limit is not under test. */
function signUp(app: HttpApp, body: unknown, headers: Record<string, string> = {}) {
  const address = `10.0.${Math.floor(++signUps / 250)}.${signUps % 250}`;
  return raw(app, "POST", "/api/signup", {
    headers: { "content-type": "application/json", "x-forwarded-for": address, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

let app: HttpApp;
let users = 0;
const newUser = () => ({
  email: `user${++users}-${Date.now()}@example.org`,
  name: "Grace",
  password: "long-enough-pw",
});

beforeAll(async () => {
  app = await startHttpApp({ env: { PUBLIC_URL, TRUST_PROXY: "1" } });
});
afterAll(() => app.close());

describe("Origin on state-changing HTTP routes", () => {
  it("refuses a sign-up from a foreign Origin (403, typed) and creates nothing", async () => {
    const user = newUser();
    const answer = await signUp(app, user, { origin: EVIL });
    expect(answer).toEqual({ status: 403, json: { ok: false, error: "FORBIDDEN_ORIGIN" } });
    expect(await app.repos.users.findByEmail(user.email)).toBeNull();
  });

  it('refuses Origin "null" (a sandboxed frame) and a foreign Referer when Origin is absent', async () => {
    expect((await signUp(app, newUser(), { origin: "null" })).status).toBe(403);
    expect((await signUp(app, newUser(), { referer: `${EVIL}/page` })).status).toBe(403);
  });

  it("accepts the same origin, PUBLIC_URL's origin, a same-origin Referer, and no Origin at all", async () => {
    expect((await signUp(app, newUser(), { origin: app.url })).status).toBe(201);
    expect((await signUp(app, newUser(), { origin: PUBLIC_URL })).status).toBe(201);
    expect((await signUp(app, newUser(), { referer: `${app.url}/signup` })).status).toBe(201);
    expect((await signUp(app, newUser())).status).toBe(201);
  });

  it("follows X-Forwarded-Proto/Host behind a trusted proxy", async () => {
    const viaProxy = { "x-forwarded-proto": "https", "x-forwarded-host": "arena.example.net" };
    const ok = await signUp(app, newUser(), { ...viaProxy, origin: "https://arena.example.net" });
    expect(ok.status).toBe(201);
    const wrongScheme = await signUp(app, newUser(), {
      ...viaProxy,
      origin: "http://arena.example.net",
    });
    expect(wrongScheme.status).toBe(403);
  });

  it("refuses the credentials callback and the custom server's POST routes from a foreign Origin", async () => {
    const callback = await raw(app, "POST", "/api/auth/callback/credentials", {
      headers: { origin: EVIL, "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.org&password=x&json=true",
    });
    expect(callback).toEqual({ status: 403, json: { ok: false, error: "FORBIDDEN_ORIGIN" } });
    const rescore = await raw(app, "POST", "/api/submissions/abc/rescore", {
      headers: { origin: EVIL, cookie: "next-auth.session-token=whatever" },
    });
    expect(rescore).toEqual({ status: 403, json: { ok: false, error: "FORBIDDEN_ORIGIN" } });
  });

  it("lets a Bearer-token upload without Origin through to its own checks", async () => {
    const upload = await raw(app, "POST", "/api/rooms/ABCDEF/submissions?round=0", {
      headers: { authorization: "Bearer not-a-token", "content-type": "application/json" },
      body: "{}",
    });
    expect(upload).toEqual({ status: 401, json: { ok: false, error: "INVALID_TOKEN" } });
  });
});

describe("sign-up requires JSON", () => {
  it("refuses a cross-site-style text/plain body with 415 and creates nothing", async () => {
    const user = newUser();
    const answer = await raw(app, "POST", "/api/signup", {
      headers: { "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(user),
    });
    expect(answer).toEqual({ status: 415, json: { ok: false, error: "UNSUPPORTED_MEDIA_TYPE" } });
    expect(await app.repos.users.findByEmail(user.email)).toBeNull();
  });
});

describe("sign-ups per address", () => {
  it("allows ten per address in ten minutes, then 429 and no account", async () => {
    const address = "10.99.0.1";
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const answer = await raw(app, "POST", "/api/signup", {
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify(newUser()),
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual(Array(10).fill(201));
    const late = newUser();
    const refused = await raw(app, "POST", "/api/signup", {
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(late),
    });
    expect(refused).toEqual({ status: 429, json: { ok: false, error: "RATE_LIMITED" } });
    expect(await app.repos.users.findByEmail(late.email)).toBeNull();
    // Another address is not affected.
    expect((await signUp(app, newUser())).status).toBe(201);
  });
});

describe("Origin on the Socket.IO handshake", () => {
  it("refuses a foreign Origin", async () => {
    await expect(app.socket({ origin: EVIL })).rejects.toThrow();
    await expect(app.socket({ origin: "null" })).rejects.toThrow();
  });

  it("accepts the same origin, PUBLIC_URL's origin and no Origin (a non-browser client)", async () => {
    for (const headers of [{ origin: app.url }, { origin: PUBLIC_URL }, undefined]) {
      const socket = await app.socket(headers);
      expect(socket.connected).toBe(true);
      socket.disconnect();
    }
  });
});

describe("bad input gets a 4xx, never a 500", () => {
  it("a NUL or other control character in the sign-up name: 400 with the field, nothing stored", async () => {
    for (const name of ["Ada\u0000", "Ada\u0007Lovelace", "\u202eecilA"]) {
      const user = { ...newUser(), name };
      const answer = await signUp(app, user);
      expect(answer).toEqual({
        status: 400,
        json: { ok: false, error: "INVALID_PAYLOAD", fields: ["name"] },
      });
      expect(await app.repos.users.findByEmail(user.email)).toBeNull();
    }
  });

  it.each(["/results/%E0%A4%A", "/boards/%", "/api/boards/%", "/api/x%zz", "/%E0%A4%A?x=1"])(
    "malformed percent-encoding in %s: 400 INVALID_PAYLOAD",
    async (path) => {
      expect(await raw(app, "GET", path)).toEqual({
        status: 400,
        json: { ok: false, error: "INVALID_PAYLOAD" },
      });
    },
  );

  it("a POST with a malformed path is refused before any route runs", async () => {
    const answer = await raw(app, "POST", "/api/rooms/%E0%A4%A/submissions?round=0", {
      headers: { authorization: "Bearer x" },
    });
    expect(answer.status).toBe(400);
  });

  it("the credentials callback: malformed JSON 400, text/plain 415, oversized 413", async () => {
    const post = (type: string, body: string) =>
      raw(app, "POST", "/api/auth/callback/credentials", {
        headers: { "content-type": type },
        body,
      });
    expect(await post("application/json", '{"email": "a@b.org", "pass')).toEqual({
      status: 400,
      json: { ok: false, error: "INVALID_PAYLOAD" },
    });
    expect((await post("application/json", "[1,2]")).status).toBe(400);
    expect((await post("application/json", '{"email": {"$ne": 1}}')).status).toBe(400);
    expect(await post("text/plain", "email=a@b.org&password=x")).toEqual({
      status: 415,
      json: { ok: false, error: "UNSUPPORTED_MEDIA_TYPE" },
    });
    expect(
      (await post("application/x-www-form-urlencoded", `x=${"a".repeat(20_000)}`)).status,
    ).toBe(413);
  });

  it("the credentials callback still works with a well-formed form (no Origin)", async () => {
    const user = newUser();
    expect((await signUp(app, user)).status).toBe(201);
    const response = await signIn(app.url, user.email, user.password);
    expect(response.status).toBe(200);
  });
});
