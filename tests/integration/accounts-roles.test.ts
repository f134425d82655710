import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuestionSetDraftSchema } from "@/lib/question-sets/schema";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { accountWithRole, api } from "../support/accounts";
import { request } from "../support/realtime-harness";
import { draftInput } from "../support/set-drafts";

/**
 * Roles on real Postgres through the app's HTTP stack and Socket.IO: who may administer, who may
 * host, and that every refusal is typed and changes nothing. Roles are read from the database on
 * each privileged request, so a revocation bites at once even with the old session cookie.
 */
const draft = QuestionSetDraftSchema.parse(draftInput());

describe("roles", () => {
  let app: HttpApp;
  let admin: Awaited<ReturnType<typeof accountWithRole>>;
  let player: Awaited<ReturnType<typeof accountWithRole>>;
  let host: Awaited<ReturnType<typeof accountWithRole>>;

  beforeAll(async () => {
    app = await startHttpApp();
    admin = await accountWithRole(app, "Admin", "ADMIN");
    player = await accountWithRole(app, "Pia", "PLAYER");
    host = await accountWithRole(app, "Hal", "HOST");
  });
  afterAll(async () => {
    await app?.close();
  });

  const roleOf = async (id: string) => app.repos.accounts.role(id);

  it("lets only an admin list accounts and change roles; others get a typed 403", async () => {
    for (const who of [player, host]) {
      const list = await api(app, "GET", "/api/admin/users", { cookie: who.cookie });
      expect(list.status).toBe(403);
      expect(list.json).toEqual({ ok: false, error: "ROLE_REQUIRED" });
      const change = await api(app, "PATCH", `/api/admin/users/${who.id}`, {
        cookie: who.cookie,
        body: { role: "ADMIN" },
      });
      expect(change.json).toEqual({ ok: false, error: "ROLE_REQUIRED" });
    }
    expect(await roleOf(player.id)).toBe("PLAYER");
    expect(await roleOf(host.id)).toBe("HOST");
    expect((await api(app, "GET", "/api/admin/users")).json).toEqual({
      ok: false,
      error: "UNAUTHENTICATED",
    });

    const found = await api(app, "GET", "/api/admin/users?q=PIA", { cookie: admin.cookie });
    expect(found.status).toBe(200);
    expect(found.json?.data).toMatchObject({
      total: 1,
      users: [{ id: player.id, role: "PLAYER" }],
    });
    const bad = await api(app, "GET", "/api/admin/users?page=-1", { cookie: admin.cookie });
    expect(bad.json).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
  });

  it("grants and revokes; refuses an unknown role, an unknown account and the last admin", async () => {
    const grant = await api(app, "PATCH", `/api/admin/users/${player.id}`, {
      cookie: admin.cookie,
      body: { role: "ORGANISER" },
    });
    expect(grant.json).toMatchObject({ ok: true, data: { id: player.id, role: "ORGANISER" } });
    expect(await roleOf(player.id)).toBe("ORGANISER");
    await api(app, "PATCH", `/api/admin/users/${player.id}`, {
      cookie: admin.cookie,
      body: { role: "PLAYER" },
    });
    expect(await roleOf(player.id)).toBe("PLAYER");

    const nonsense = await api(app, "PATCH", `/api/admin/users/${player.id}`, {
      cookie: admin.cookie,
      body: { role: "OWNER" },
    });
    expect(nonsense.json).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    const nobody = await api(app, "PATCH", "/api/admin/users/no-such-id", {
      cookie: admin.cookie,
      body: { role: "HOST" },
    });
    expect(nobody).toMatchObject({ status: 404, json: { ok: false, error: "USER_NOT_FOUND" } });

    // The only admin cannot step down, not even by their own hand.
    const last = await api(app, "PATCH", `/api/admin/users/${admin.id}`, {
      cookie: admin.cookie,
      body: { role: "HOST" },
    });
    expect(last).toMatchObject({ status: 409, json: { ok: false, error: "LAST_ADMIN" } });
    expect(await roleOf(admin.id)).toBe("ADMIN");
  });

  it("refuses every host route to a player, and a revoked host at once", async () => {
    const owned = await app.repos.questionSets.create(host.id, draft);
    const tries = [
      () => api(app, "POST", "/api/sets", { cookie: player.cookie, body: { set: draft } }),
      () =>
        api(app, "POST", "/api/sets/import", {
          cookie: player.cookie,
          body: { format: "json", content: "{}" },
        }),
      () =>
        api(app, "PUT", `/api/sets/${owned.id}`, { cookie: player.cookie, body: { set: draft } }),
      () => api(app, "DELETE", `/api/sets/${owned.id}`, { cookie: player.cookie }),
      () => api(app, "POST", `/api/sets/${owned.id}/duplicate`, { cookie: player.cookie }),
      () => api(app, "POST", "/api/submissions/any-id/rescore", { cookie: player.cookie }),
    ];
    const before = await app.db.prisma.questionSet.count();
    for (const attempt of tries) {
      const answer = await attempt();
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual({ ok: false, error: "ROLE_REQUIRED" });
    }
    expect(await app.db.prisma.questionSet.count()).toBe(before);

    const socket = await app.client({ cookie: player.cookie });
    const create = await request(socket, "room:create", { questionSetSlug: "test-fixture" });
    expect(create).toEqual({ ok: false, error: "ROLE_REQUIRED" });
    expect(await app.db.prisma.room.count({ where: { hostId: player.id } })).toBe(0);

    // A host opens a room; the admin revokes hosting; the same socket and cookie can no longer
    // steer it (nor open another, nor write a set).
    const hostSocket = await app.client({ cookie: host.cookie });
    const made = await request(hostSocket, "room:create", { questionSetSlug: "test-fixture" });
    if (!made.ok) throw new Error(made.error);
    const { code } = made.data;
    expect((await request(hostSocket, "room:host", { code })).ok).toBe(true);
    await api(app, "PATCH", `/api/admin/users/${host.id}`, {
      cookie: admin.cookie,
      body: { role: "PLAYER" },
    });
    for (const event of ["room:host", "game:start", "game:end"] as const)
      expect(await request(hostSocket, event, { code })).toEqual({
        ok: false,
        error: "ROLE_REQUIRED",
      });
    expect(await request(hostSocket, "room:lock", { code, locked: true })).toEqual({
      ok: false,
      error: "ROLE_REQUIRED",
    });
    const stillOwned = await api(app, "PUT", `/api/sets/${owned.id}`, {
      cookie: host.cookie,
      body: { set: draft },
    });
    expect(stillOwned.json).toEqual({ ok: false, error: "ROLE_REQUIRED" });
    const room = await app.db.prisma.room.findUniqueOrThrow({ where: { code } });
    expect(room.status).toBe("LOBBY");
  });
});

describe("the first account of a fresh install", () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await startHttpApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  // Sign-ups here stay within the default ten per address per ten minutes.
  it("is the one admin even when several sign up at the same instant", async () => {
    // Straight to the repository first: no password hashing in between, so these truly race.
    const racers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        app.repos.accounts.signUp(
          { email: `direct${i}@example.org`, name: `Direct ${i}`, passwordHash: null },
          { openHostSignup: false },
        ),
      ),
    );
    expect(racers.filter((u) => u.role === "ADMIN")).toHaveLength(1);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        api(app, "POST", "/api/signup", {
          body: { email: `racer${i}@example.org`, name: `Racer ${i}`, password: "zebra-quartz-71" },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    const roles = await app.db.prisma.user.groupBy({ by: ["role"], _count: true });
    expect(Object.fromEntries(roles.map((r) => [r.role, r._count]))).toEqual({
      ADMIN: 1,
      PLAYER: 12,
    });
  });

  it("makes later accounts hosts when the install allows open host sign-up", async () => {
    const user = await app.repos.accounts.signUp(
      { email: "open@example.org", name: "Open", passwordHash: null },
      { openHostSignup: true },
    );
    expect(user.role).toBe("HOST");
  });

  it("refuses a duplicate email and a weak password with a typed error, writing nothing", async () => {
    const count = await app.db.prisma.user.count();
    const duplicate = await api(app, "POST", "/api/signup", {
      body: { email: "RACER0@example.org", name: "Copy", password: "zebra-quartz-71" },
    });
    expect(duplicate).toMatchObject({ status: 409, json: { ok: false, error: "EMAIL_TAKEN" } });
    for (const password of ["password123", "aaaaaaaaaa", "weakling-account", "12121212"]) {
      const weak = await api(app, "POST", "/api/signup", {
        body: { email: "weakling@example.org", name: "Weak", password },
      });
      expect(weak, password).toMatchObject({
        status: 400,
        json: { ok: false, error: "WEAK_PASSWORD" },
      });
    }
    expect(await app.db.prisma.user.count()).toBe(count);
  });
});
