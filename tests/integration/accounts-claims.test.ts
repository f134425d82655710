import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signClaimToken } from "@/server/auth/claim-token";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { accountWithRole, api } from "../support/accounts";
import { next, request, TEST_SECRET } from "../support/realtime-harness";
import { openRoom, type OpenRoom } from "../support/room-setup";
import {
  createChallenge,
  playThrough,
  startAndResume,
  TEST_REVEAL_MS,
} from "../support/challenge-play";

/**
 * Guest claims, the profile, the data export and account deletion, on real Postgres through the
 * app's HTTP stack, after a real game over Socket.IO. Every refusal is typed and leaves every
 * Player row exactly as it was.
 */
describe("guest claims, profile, export and deletion", () => {
  let app: HttpApp;
  let room: OpenRoom;
  let admin: Awaited<ReturnType<typeof accountWithRole>>;
  const claims: Record<string, { playerId: string; token: string }> = {};

  const userIds = async () =>
    Object.fromEntries(
      (
        await app.db.prisma.player.findMany({
          where: { roomId: { not: "" } },
          select: { nickname: true, userId: true },
        })
      ).map((p) => [p.nickname, p.userId]),
    );

  beforeAll(async () => {
    app = await startHttpApp({ env: { SELF_PACED_REVEAL_MS: String(TEST_REVEAL_MS) } });
    admin = await accountWithRole(app, "Admin", "ADMIN");
    room = await openRoom(app, ["gina", "otto"]);
    // Right after joining, each guest device swaps its player token for a long-lived claim.
    for (const player of room.players) {
      const swap = await api(app, "POST", "/api/account/claim-token", {
        body: { playerToken: player.session.token },
      });
      expect(swap.json).toMatchObject({ ok: true, data: { roomCode: room.code } });
      claims[player.nickname] = swap.json?.data as { playerId: string; token: string };
    }
    const podium = next(room.host, "room:update", (r) => r.phase === "podium");
    expect((await request(room.host, "game:start", { code: room.code })).ok).toBe(true);
    expect((await request(room.host, "game:end", { code: room.code })).ok).toBe(true);
    await podium;
    // The podium is broadcast as the results are written: wait for them to be stored.
    for (let waited = 0; ; waited += 100) {
      if ((await app.repos.rooms.getResults(room.code))?.status === "FINISHED") break;
      if (waited > 15_000) throw new Error("the room never finished");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses a bad player token when a device asks for a claim", async () => {
    const bad = await api(app, "POST", "/api/account/claim-token", {
      body: { playerToken: "not-a-token" },
    });
    expect(bad).toMatchObject({ status: 401, json: { ok: false, error: "INVALID_TOKEN" } });
  });

  it("refuses forged, expired, mismatched and foreign claims, changing nothing", async () => {
    const gina = await accountWithRole(app, "Gina", "PLAYER");
    const before = await userIds();
    const ginaClaim = claims.gina!;
    const ottoClaim = claims.otto!;
    const expired = await signClaimToken(
      { playerId: ginaClaim.playerId, roomCode: room.code },
      TEST_SECRET,
      -60,
    );
    const forgedSecret = await signClaimToken(
      { playerId: ginaClaim.playerId, roomCode: room.code },
      "another-secret-another-secret-0123456789",
    );
    const tampered = `${ginaClaim.token.slice(0, -2)}${ginaClaim.token.endsWith("A") ? "BB" : "AA"}`;
    const playerToken = room.players[0]!.session.token;
    const bad = [
      [{ playerId: ginaClaim.playerId, token: expired }],
      [{ playerId: ginaClaim.playerId, token: forgedSecret }],
      [{ playerId: ginaClaim.playerId, token: tampered }],
      // Otto's claim presented as Gina's player: the signature names another player.
      [{ playerId: ginaClaim.playerId, token: ottoClaim.token }],
      // A resume token is not a claim (own key, own audience).
      [{ playerId: ginaClaim.playerId, token: playerToken }],
      // One bad claim spoils the batch: the good one is not claimed either.
      [ginaClaim, { playerId: ottoClaim.playerId, token: expired }],
    ];
    for (const batch of bad) {
      const answer = await api(app, "POST", "/api/account/claims", {
        cookie: gina.cookie,
        body: { claims: batch },
      });
      expect(answer).toMatchObject({ status: 403, json: { ok: false, error: "CLAIM_INVALID" } });
    }
    const anonymous = await api(app, "POST", "/api/account/claims", {
      body: { claims: [ginaClaim] },
    });
    expect(anonymous.json).toEqual({ ok: false, error: "UNAUTHENTICATED" });
    expect(await userIds()).toEqual(before);
  });

  it("claims this device's guest results, once, and shows them in the profile", async () => {
    const gina = await accountWithRole(app, "Gina", "PLAYER");
    const preview = await api(app, "POST", "/api/account/claims", {
      cookie: gina.cookie,
      body: { claims: [claims.gina], dryRun: true },
    });
    const stored = await app.db.prisma.result.findFirstOrThrow({
      where: { player: { nickname: "gina", room: { code: room.code } } },
    });
    expect(preview.json).toMatchObject({
      ok: true,
      data: { claimable: [{ roomCode: room.code, nickname: "gina", rank: stored.rank }] },
    });
    expect((await userIds()).gina).toBeNull();

    const claimed = await api(app, "POST", "/api/account/claims", {
      cookie: gina.cookie,
      body: { claims: [claims.gina] },
    });
    expect(claimed.json).toEqual({ ok: true, data: { claimed: 1 } });
    expect(await userIds()).toMatchObject({ gina: gina.id, otto: null });

    // Someone else holding the same claim (a copied localStorage) cannot take it over.
    const thief = await accountWithRole(app, "Thief", "PLAYER");
    const stolen = await api(app, "POST", "/api/account/claims", {
      cookie: thief.cookie,
      body: { claims: [claims.gina] },
    });
    expect(stolen).toMatchObject({ status: 409, json: { ok: false, error: "CLAIM_TAKEN" } });
    expect((await userIds()).gina).toBe(gina.id);

    const profile = await api(app, "GET", "/api/account", { cookie: gina.cookie });
    expect(profile.json).toMatchObject({
      ok: true,
      data: {
        games: [
          {
            roomCode: room.code,
            nickname: "gina",
            status: "FINISHED",
            score: stored.score,
            rank: stored.rank,
            players: 2,
          },
        ],
      },
    });
  });

  it("exports only the caller's own data", async () => {
    const gina = await app.db.prisma.user.findFirstOrThrow({ where: { players: { some: {} } } });
    const cookie = (await accountCookie(gina.id, gina.name, gina.email)).cookie;
    const response = await fetch(`${app.url}/api/account/export`, { headers: { cookie } });
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const text = await response.text();
    const data = JSON.parse(text) as { account: { email: string }; games: { nickname: string }[] };
    expect(data.account.email).toBe(gina.email);
    expect(data.games.map((g) => g.nickname)).toEqual(["gina"]);
    expect(data).toMatchObject({ challenges: [], challengeAttempts: [] });
    // Nobody else's name or address: not the other player, not the host.
    expect(text).not.toContain("otto");
    expect(text).not.toContain(room.hostUser.id);
    expect(text).not.toContain("passwordHash");
  });

  it(
    "exports the challenges an account created and the attempts it took, no one else's",
    { timeout: 60_000 },
    async () => {
      const coach = await accountWithRole(app, "Coach", "HOST");
      const tess = await accountWithRole(app, "Tess", "PLAYER");
      const id = await createChallenge(app, coach.cookie, { title: "Export drill" });
      const run = await startAndResume(app, id, { cookie: tess.cookie });
      const code = run.started.attempt.roomCode;
      const podium = await playThrough(app, run.socket, code, id);
      for (let waited = 0; (await app.repos.rooms.getResults(code))?.status !== "FINISHED";) {
        if ((waited += 100) > 15_000) throw new Error("the attempt never finished");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const exportOf = async (cookie: string) => {
        const response = await fetch(`${app.url}/api/account/export`, { headers: { cookie } });
        const text = await response.text();
        return { text, data: JSON.parse(text) as Record<string, unknown[]> };
      };

      const taken = await exportOf(tess.cookie);
      expect(taken.data.challenges).toEqual([]);
      expect(taken.data.challengeAttempts).toEqual([
        {
          id: run.started.attempt.id,
          challengeId: id,
          challengeTitle: "Export drill",
          roomCode: code,
          startedAt: run.started.attempt.startedAt,
          finishedAt: (
            await app.db.prisma.room.findUniqueOrThrow({ where: { code } })
          ).endedAt!.toISOString(),
          status: "finished",
          result: { score: podium.podium[0]!.score, correctCount: 2, answeredCount: 2 },
        },
      ]);
      // The attempt's answers are there as a room's are, under its code, with their points.
      const answers = taken.data.answers as { roomCode: string; points: number }[];
      expect(answers.filter((a) => a.roomCode === code).map((a) => a.points)).toHaveLength(2);
      expect(taken.text).not.toContain(coach.email);

      const created = await exportOf(coach.cookie);
      expect(created.data.challengeAttempts).toEqual([]);
      expect(created.data.challenges).toEqual([
        expect.objectContaining({
          id,
          title: "Export drill",
          eventId: null,
          attemptCount: 1,
          questionIds: (await app.repos.challenges.get(id))!.questions.map((q) => q.id),
        }),
      ]);
      // Who took it is the takers' data: not in the creator's export.
      expect(created.text).not.toContain(tess.id);
      expect(created.text).not.toContain("Tess");
    },
  );

  it("hides from boards, renames, and refuses a bad name", async () => {
    const user = await accountWithRole(app, "Hedy", "PLAYER");
    const hide = await api(app, "PATCH", "/api/account", {
      cookie: user.cookie,
      body: { hiddenFromBoards: true, name: "Hedy L." },
    });
    expect(hide.json).toEqual({ ok: true, data: { name: "Hedy L.", hiddenFromBoards: true } });
    const bad = await api(app, "PATCH", "/api/account", {
      cookie: user.cookie,
      body: { name: "  " },
    });
    expect(bad.json).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    const stored = await app.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ name: "Hedy L.", hiddenFromBoards: true });
  });

  it("deletes an account: its results stay, anonymous; a host's rooms stay whole", async () => {
    const gina = await app.db.prisma.user.findFirstOrThrow({
      where: { players: { some: { nickname: "gina" } } },
    });
    const { cookie } = await accountCookie(gina.id, gina.name, gina.email);
    const resultsBefore = await app.repos.rooms.getResults(room.code);

    const wrong = await api(app, "DELETE", "/api/account", {
      cookie,
      body: { confirmEmail: "someone@else.org" },
    });
    expect(wrong.json).toEqual({ ok: false, error: "CONFIRMATION_MISMATCH" });
    expect(await app.db.prisma.user.count({ where: { id: gina.id } })).toBe(1);

    const gone = await api(app, "DELETE", "/api/account", {
      cookie,
      body: { confirmEmail: gina.email.toUpperCase() },
    });
    expect(gone.json).toEqual({ ok: true, data: null });
    expect(await app.db.prisma.user.count({ where: { id: gina.id } })).toBe(0);
    expect((await userIds()).gina).toBeNull();
    expect(await app.repos.rooms.getResults(room.code)).toEqual(resultsBefore);
    // The old cookie now signs in as nobody.
    expect((await api(app, "GET", "/api/account", { cookie })).status).toBe(401);

    // The host's row stays (their room holds everyone's results) with nothing personal left.
    const host = await app.db.prisma.user.findUniqueOrThrow({ where: { id: room.hostUser.id } });
    const hostGone = await api(app, "DELETE", "/api/account", {
      cookie: room.hostUser.cookie,
      body: { confirmEmail: host.email },
    });
    expect(hostGone.json).toEqual({ ok: true, data: null });
    const tombstone = await app.db.prisma.user.findUniqueOrThrow({ where: { id: host.id } });
    expect(tombstone).toMatchObject({ passwordHash: null, role: "PLAYER", hiddenFromBoards: true });
    expect(tombstone.email).not.toBe(host.email);
    expect(tombstone.name).not.toBe(host.name);
    expect(await app.repos.rooms.getResults(room.code)).toMatchObject({
      results: resultsBefore?.results,
    });

    // The only admin cannot leave the install without one.
    const last = await api(app, "DELETE", "/api/account", {
      cookie: admin.cookie,
      body: { confirmEmail: admin.email },
    });
    expect(last).toMatchObject({ status: 409, json: { ok: false, error: "LAST_ADMIN" } });
    expect(await app.db.prisma.user.count({ where: { id: admin.id } })).toBe(1);
  });
});

async function accountCookie(id: string, name: string, email: string) {
  const { encode } = await import("next-auth/jwt");
  const token = await encode({ token: { sub: id, name, email }, secret: TEST_SECRET });
  return { cookie: `next-auth.session-token=${token}` };
}
