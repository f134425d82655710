import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appRoutes, matchRoute } from "../support/route-table";

const none = () => Promise.resolve(new Response(null));
const ROUTES = appRoutes({ GET: none, POST: none });
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every app/api/.../route.ts, as the URL pattern Next serves it at. */
function routeFiles(dir = path.resolve("app/api")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const patternOf = (file: string) =>
  "/" + path.relative(path.resolve("app"), path.dirname(file)).split(path.sep).join("/");

describe("the integration tests' route table", () => {
  it("mounts every route handler under app/api, with exactly the methods it exports", async () => {
    const files = routeFiles();
    expect(ROUTES.map((r) => r.pattern).sort()).toEqual(files.map(patternOf).sort());
    for (const file of files) {
      if (patternOf(file) === "/api/auth/[...nextauth]") continue; // mounted another way
      const module = (await import(file)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof module[m] === "function");
      const route = ROUTES.find((r) => r.pattern === patternOf(file));
      expect(Object.keys(route?.methods ?? {}).sort(), patternOf(file)).toEqual(exported.sort());
    }
  });

  it("matches dynamic segments as Next does", () => {
    expect(matchRoute(ROUTES, "/api/rooms/ABC123/submissions")?.params).toEqual({
      code: "ABC123",
    });
    expect(matchRoute(ROUTES, "/api/auth/callback/credentials")?.params).toEqual({
      nextauth: "callback/credentials",
    });
    expect(matchRoute(ROUTES, "/api/boards/shrink")?.route.pattern).toBe("/api/boards/[variant]");
    // /api/boards itself is the persistent boards' route; a segment too many is nothing.
    expect(matchRoute(ROUTES, "/api/boards")?.route.pattern).toBe("/api/boards");
    expect(matchRoute(ROUTES, "/api/boards/shrink/extra")).toBeNull();
    expect(matchRoute(ROUTES, "/api/rooms/ABC123/submissions/extra")).toBeNull();
    expect(matchRoute(ROUTES, "/api/nothing")).toBeNull();
    expect(matchRoute(ROUTES, "/api/sets/import")?.route.pattern).toBe("/api/sets/import");
    expect(matchRoute(ROUTES, "/api/sets/abc")?.params).toEqual({ id: "abc" });
  });
});
