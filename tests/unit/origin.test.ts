import { describe, expect, it } from "vitest";
import { checkOrigin, isStateChanging, socketOriginAllowed } from "@/server/http/origin";

const direct = { trustProxy: false };
const proxied = { trustProxy: true, publicUrl: "https://quiz.example.org/" };

describe("checkOrigin", () => {
  it("no Origin and no Referer: not a browser, allowed", () => {
    expect(checkOrigin({ host: "h:3000" }, direct)).toBe("no-origin");
  });

  it("the request's own host over http, default ports folded", () => {
    expect(checkOrigin({ host: "h:3000", origin: "http://h:3000" }, direct)).toBe("same-origin");
    expect(checkOrigin({ host: "h", origin: "http://h:80" }, direct)).toBe("same-origin");
    expect(checkOrigin({ host: "H:3000", origin: "http://h:3000" }, direct)).toBe("same-origin");
    expect(checkOrigin({ host: "h:3000", origin: "http://h:3001" }, direct)).toBe("foreign");
    expect(checkOrigin({ host: "h:3000", origin: "https://h:3000" }, direct)).toBe("foreign");
  });

  it("without TRUST_PROXY, X-Forwarded-* headers are ignored", () => {
    const headers = {
      host: "h",
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    };
    expect(checkOrigin(headers, direct)).toBe("foreign");
  });

  it("with TRUST_PROXY, the proxy's scheme and host; and PUBLIC_URL's origin", () => {
    const viaProxy = {
      host: "internal:3000",
      "x-forwarded-proto": "https, http",
      "x-forwarded-host": "arena.example.net",
    };
    expect(checkOrigin({ ...viaProxy, origin: "https://arena.example.net" }, proxied)).toBe(
      "same-origin",
    );
    expect(checkOrigin({ ...viaProxy, origin: "http://arena.example.net" }, proxied)).toBe(
      "foreign",
    );
    expect(checkOrigin({ ...viaProxy, origin: "https://quiz.example.org" }, proxied)).toBe(
      "same-origin",
    );
  });

  it('"null", garbage and foreign Referers are foreign', () => {
    expect(checkOrigin({ host: "h", origin: "null" }, direct)).toBe("foreign");
    expect(checkOrigin({ host: "h", referer: "not a url" }, direct)).toBe("foreign");
    expect(checkOrigin({ host: "h", referer: "https://evil.example/x" }, direct)).toBe("foreign");
    expect(checkOrigin({ host: "h", referer: "http://h/signup?x=1" }, direct)).toBe("same-origin");
  });

  it("Origin wins over Referer", () => {
    expect(
      checkOrigin({ host: "h", origin: "https://evil.example", referer: "http://h/" }, direct),
    ).toBe("foreign");
  });
});

describe("which requests are checked", () => {
  it("state-changing methods only", () => {
    expect(["POST", "put", "PATCH", "DELETE"].every(isStateChanging)).toBe(true);
    expect(["GET", "HEAD", "OPTIONS", undefined].some(isStateChanging)).toBe(false);
  });

  it("socket handshakes with no policy: own host only", () => {
    expect(socketOriginAllowed({ host: "h:1", origin: "http://h:1" })).toBe(true);
    expect(socketOriginAllowed({ host: "h:1" })).toBe(true);
    expect(socketOriginAllowed({ host: "h:1", origin: "http://other:1" })).toBe(false);
  });
});
