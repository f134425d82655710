import { describe, expect, it } from "vitest";
import { loadConfig } from "@/server/config";
import { enabledProviders } from "@/server/auth/oauth-providers";

const base = {
  NODE_ENV: "test",
  NEXTAUTH_SECRET: "a-secret-that-is-long-enough",
  DATA_DIR: "/tmp/kba-config-test",
} as const;

describe("account settings", () => {
  it("keep open host sign-up off unless asked for", () => {
    expect(loadConfig(base).OPEN_HOST_SIGNUP).toBe(false);
    expect(loadConfig({ ...base, OPEN_HOST_SIGNUP: "1" }).OPEN_HOST_SIGNUP).toBe(true);
    expect(() => loadConfig({ ...base, OPEN_HOST_SIGNUP: "yes" })).toThrow(/OPEN_HOST_SIGNUP/);
  });

  it("switch each OAuth provider on only when all of its settings are present", () => {
    expect(enabledProviders(loadConfig(base))).toEqual([]);
    const all = loadConfig({
      ...base,
      GITHUB_ID: "gh",
      GITHUB_SECRET: "gh-secret",
      GOOGLE_CLIENT_ID: "g",
      GOOGLE_CLIENT_SECRET: "g-secret",
      OIDC_ISSUER: "https://sso.example.org/realms/main/",
      OIDC_CLIENT_ID: "kba",
      OIDC_CLIENT_SECRET: "oidc-secret",
    });
    expect(enabledProviders(all)).toEqual([
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
      { id: "oidc", name: "Single sign-on" },
    ]);
    // Half a provider is a mistake worth stopping for, not a provider silently off.
    expect(() => loadConfig({ ...base, GITHUB_ID: "gh" })).toThrow(/GITHUB_ID, GITHUB_SECRET/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER/);
  });
});

describe("empty settings", () => {
  it("count as unset: `DATABASE_URL=` runs on the embedded database, not an invalid URL", () => {
    const config = loadConfig({ ...base, DATABASE_URL: "", PORT: "", REDIS_URL: "" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBeUndefined();
    expect(() => loadConfig({ ...base, DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });
});
