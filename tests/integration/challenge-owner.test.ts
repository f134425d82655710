import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ChallengeAttemptsView,
  ChallengePageView,
  OwnedChallengesView,
} from "@/lib/contract/challenges";
import { EventDraftSchema } from "@/lib/events/schema";
import { signCandidateToken } from "@/server/events/tokens";
import {
  HOUR_MS,
  answerRight,
  challengeApi,
  createChallenge,
  playThrough,
  startAndResume,
  TEST_REVEAL_MS,
} from "../support/challenge-play";
import { TEST_SECRET, startHarness, type Harness } from "../support/realtime-harness";

/**
 * A host's own challenges and everyone's attempts at one, on real Postgres with real Socket.IO
 * players: the list counts started and finished attempts, the attempts view ranks them with
 * their scores and times, and nobody but the owner reads either (no session: UNAUTHENTICATED;
 * anyone else: CHALLENGE_NOT_FOUND, the same answer as for an id that does not exist).
 */
describe("a challenge's owner sees who took it", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres", { selfPacedRevealMs: TEST_REVEAL_MS });
  });
  afterAll(async () => {
    await h?.close();
  });

  const api = <T>(path: string, opts: Parameters<typeof challengeApi>[2] = {}) =>
    challengeApi<T>(h, path, opts);

  async function roomFinished(code: string) {
    for (let waited = 0; waited < 15_000; waited += 100) {
      const room = await h.db.prisma.room.findUniqueOrThrow({ where: { code } });
      if (room.status === "FINISHED") return room;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the attempt never finished");
  }

  it(
    "lists the host's challenges with attempt counts, and ranks every attempt",
    { timeout: 60_000 },
    async () => {
      const host = await h.createUser("Study host");
      const open = await createChallenge(h, host.cookie, { title: "Week 3 quiz" });
      const upcoming = await createChallenge(h, host.cookie, {
        title: "Week 4 quiz",
        opensAt: new Date(Date.now() + HOUR_MS).toISOString(),
        deadline: new Date(Date.now() + 2 * HOUR_MS).toISOString(),
      });
      const lapsed = await createChallenge(h, host.cookie, { title: "Week 2 quiz" });

      // Ana plays it through; Bo answers the first question and is still playing; Cy starts the
      // lapsed one and never plays before its deadline passes.
      const ana = await h.createUser("Ana");
      const anaRun = await startAndResume(h, open, { cookie: ana.cookie });
      const podium = await playThrough(h, anaRun.socket, anaRun.started.attempt.roomCode, open);
      const anaRoom = await roomFinished(anaRun.started.attempt.roomCode);
      const bo = await h.createUser("Bo");
      const boRun = await startAndResume(h, open, { cookie: bo.cookie });
      await answerRight(h, boRun.socket, boRun.started.attempt.roomCode, open, 0);
      const cy = await h.createUser("Cy");
      const cyStart = await api(`/api/challenges/${lapsed}/attempt`, {
        method: "POST",
        cookie: cy.cookie,
      });
      expect(cyStart.status).toBe(200);
      await h.db.prisma.challenge.update({
        where: { id: lapsed },
        data: { deadline: new Date(Date.now() - 1000) },
      });

      const listed = await api<OwnedChallengesView>("/api/challenges", { cookie: host.cookie });
      expect(listed.status).toBe(200);
      const rows = listed.json.ok ? listed.json.data.challenges : [];
      // Newest first: the order they were created in, reversed.
      expect(rows.map((c) => [c.title, c.window, c.attemptsStarted, c.attemptsFinished])).toEqual([
        ["Week 2 quiz", "closed", 1, 0],
        ["Week 4 quiz", "not-open", 0, 0],
        ["Week 3 quiz", "open", 2, 1],
      ]);
      expect(rows[1]).toMatchObject({ id: upcoming, eventId: null, questionCount: 2 });

      const attempts = await api<ChallengeAttemptsView>(`/api/challenges/${open}/attempts`, {
        cookie: host.cookie,
      });
      expect(attempts.status).toBe(200);
      const view = attempts.json.ok ? attempts.json.data : null;
      expect(view?.challenge).toMatchObject({ id: open, title: "Week 3 quiz", window: "open" });
      const anaScore = podium.podium[0]!.score;
      const boAnswer = await h.db.prisma.answer.findFirstOrThrow({
        where: { room: { code: boRun.started.attempt.roomCode } },
      });
      expect(view?.attempts).toEqual([
        {
          id: anaRun.started.attempt.id,
          name: "Ana",
          kind: "user",
          status: "finished",
          startedAt: anaRun.started.attempt.startedAt,
          finishedAt: anaRoom.endedAt!.toISOString(),
          score: anaScore,
          correctCount: 2,
          answeredCount: 2,
          rank: 1,
          models: [],
        },
        {
          id: boRun.started.attempt.id,
          name: "Bo",
          kind: "user",
          status: "in-progress",
          startedAt: boRun.started.attempt.startedAt,
          finishedAt: null,
          score: boAnswer.points + boAnswer.streakBonus,
          correctCount: 1,
          answeredCount: 1,
          rank: 2,
          models: [],
        },
      ]);
      expect(anaScore).toBeGreaterThan(boAnswer.points + boAnswer.streakBonus);

      const lapsedView = await api<ChallengeAttemptsView>(`/api/challenges/${lapsed}/attempts`, {
        cookie: host.cookie,
      });
      expect(lapsedView.json.ok && lapsedView.json.data.attempts).toEqual([
        expect.objectContaining({
          name: "Cy",
          status: "expired",
          finishedAt: null,
          score: null,
          rank: null,
        }),
      ]);

      // The challenge page tells the owner it is theirs, and a participant that it is not.
      const asOwner = await api<ChallengePageView>(`/api/challenges/${open}`, {
        cookie: host.cookie,
      });
      const asAna = await api<ChallengePageView>(`/api/challenges/${open}`, {
        cookie: ana.cookie,
      });
      expect(asOwner.json.ok && asOwner.json.data.isOwner).toBe(true);
      expect(asAna.json.ok && asAna.json.data.isOwner).toBe(false);
      expect(asAna.json.ok && asAna.json.data.attempt?.result?.score).toBe(anaScore);
    },
  );

  it("answers nobody but the owner, and never tells a stranger a challenge exists", async () => {
    const host = await h.createUser("Owner");
    const id = await createChallenge(h, host.cookie);
    const player = await h.createUser("Taker");
    expect(
      (await api(`/api/challenges/${id}/attempt`, { method: "POST", cookie: player.cookie }))
        .status,
    ).toBe(200);
    const otherHost = await h.createUser("Other host");
    await createChallenge(h, otherHost.cookie, { title: "Not yours" });

    const refusals = await Promise.all([
      api(`/api/challenges/${id}/attempts`),
      api(`/api/challenges/${id}/attempts`, { cookie: otherHost.cookie }),
      api(`/api/challenges/${id}/attempts`, { cookie: player.cookie }),
      api(`/api/challenges/nosuchchallenge1/attempts`, { cookie: otherHost.cookie }),
      api(`/api/challenges/NOT-AN-ID!/attempts`, { cookie: otherHost.cookie }),
      api(`/api/challenges`),
      api(`/api/challenges`, { cookie: "next-auth.session-token=forged" }),
    ]);
    expect(refusals.map((r) => [r.status, r.json])).toEqual([
      [401, { ok: false, error: "UNAUTHENTICATED" }],
      [404, { ok: false, error: "CHALLENGE_NOT_FOUND" }],
      [404, { ok: false, error: "CHALLENGE_NOT_FOUND" }],
      [404, { ok: false, error: "CHALLENGE_NOT_FOUND" }],
      [404, { ok: false, error: "CHALLENGE_NOT_FOUND" }],
      [401, { ok: false, error: "UNAUTHENTICATED" }],
      [401, { ok: false, error: "UNAUTHENTICATED" }],
    ]);
    // Each host's list holds their own challenges only; a player who took one has none.
    const lists = await Promise.all(
      [host, otherHost, player].map((u) =>
        api<OwnedChallengesView>("/api/challenges", { cookie: u.cookie }),
      ),
    );
    expect(
      lists.map((l) => (l.json.ok ? l.json.data.challenges.map((c) => c.title) : l.json.error)),
    ).toEqual([["Friday warm-up"], ["Not yours"], []]);
  });

  it("an event's challenge: its organiser sees candidates by name, a candidate sees nothing", async () => {
    const organiser = await h.createUser("Organiser");
    await h.db.prisma.user.update({ where: { id: organiser.id }, data: { role: "ORGANISER" } });
    const set = await h.db.prisma.questionSet.findFirstOrThrow({
      where: { slug: "test-fixture" },
    });
    const event = await h.repos.events.create(
      organiser.id,
      EventDraftSchema.parse({
        name: "Hiring day",
        startsAt: new Date(Date.now() - HOUR_MS).toISOString(),
        endsAt: new Date(Date.now() + 2 * HOUR_MS).toISOString(),
        terms: "ok",
        setIds: [set.id],
      }),
    );
    const id = await createChallenge(h, organiser.cookie, { eventId: event.id });
    const row = await h.db.prisma.candidate.create({
      data: {
        eventId: event.id,
        name: "Dana Candidate",
        email: `dana${Date.now()}@e.test`,
        acceptedTermsAt: new Date(),
      },
    });
    const token = await signCandidateToken(
      { candidateId: row.id, eventId: event.id },
      TEST_SECRET,
      new Date(Date.now() + HOUR_MS),
    );
    expect(
      (await api(`/api/challenges/${id}/attempt`, { method: "POST", bearer: token })).status,
    ).toBe(200);

    const view = await api<ChallengeAttemptsView>(`/api/challenges/${id}/attempts`, {
      cookie: organiser.cookie,
    });
    expect(view.json.ok && view.json.data.attempts).toEqual([
      expect.objectContaining({ name: "Dana Candidate", kind: "candidate", status: "in-progress" }),
    ]);
    const listed = await api<OwnedChallengesView>("/api/challenges", {
      cookie: organiser.cookie,
    });
    expect(listed.json.ok && listed.json.data.challenges).toEqual([
      expect.objectContaining({ id, eventId: event.id, attemptsStarted: 1, attemptsFinished: 0 }),
    ]);
    // A candidate token is no session: the owner's reads are not for candidates.
    const asCandidate = await api(`/api/challenges/${id}/attempts`, { bearer: token });
    expect([asCandidate.status, asCandidate.json]).toEqual([
      401,
      { ok: false, error: "UNAUTHENTICATED" },
    ]);
  });
});
