import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChallengePageView, StartedAttempt } from "@/lib/contract/challenges";
import { EventDraftSchema } from "@/lib/events/schema";
import type { Answer, Question } from "@/lib/questions/schema";
import { signCandidateToken } from "@/server/events/tokens";
import {
  TEST_SECRET,
  next,
  request,
  startHarness,
  type Client,
  type Harness,
} from "../support/realtime-harness";
import { challengeApi, TEST_REVEAL_MS } from "../support/challenge-play";

/**
 * Self-paced challenges over real Socket.IO clients on real Postgres: the server times each
 * question exactly as live, the window and the one-attempt rule refuse and write nothing, a
 * caller only ever sees their own attempt, and a finished attempt is an ordinary finished room
 * that the event dashboard and the all-time quiz board count.
 */
describe("self-paced challenges on postgres", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres", { selfPacedRevealMs: TEST_REVEAL_MS });
  });
  afterAll(async () => {
    await h?.close();
  });

  const hour = 3_600_000;
  let names = 0;
  const unique = (name: string) => `${name}${++names}${Date.now() % 100_000}`;

  const api = <T>(path: string, opts?: Parameters<typeof challengeApi>[2]) =>
    challengeApi<T>(h, path, opts);

  async function fixtureSetId(): Promise<string> {
    const set = await h.db.prisma.questionSet.findFirstOrThrow({ where: { slug: "test-fixture" } });
    return set.id;
  }

  /** Two questions (single, then true/false) of the fixture set, in set order. */
  async function challengeBody(over: Record<string, unknown> = {}) {
    return {
      title: "Friday warm-up",
      selection: { setIds: [await fixtureSetId()], filter: { types: ["single", "truefalse"] } },
      timePerQuestionSec: 5,
      opensAt: new Date(Date.now() - hour).toISOString(),
      deadline: new Date(Date.now() + hour).toISOString(),
      ...over,
    };
  }

  async function createChallenge(cookie: string, over: Record<string, unknown> = {}) {
    const created = await api<{ id: string }>("/api/challenges", {
      method: "POST",
      cookie,
      body: await challengeBody(over),
    });
    if (!created.json.ok) throw new Error(created.json.error);
    return created.json.data.id;
  }

  const counts = async () => ({
    rooms: await h.db.prisma.room.count(),
    attempts: await h.db.prisma.challengeAttempt.count(),
    players: await h.db.prisma.player.count(),
    answers: await h.db.prisma.answer.count(),
  });

  function rightAnswer(question: Question): Answer {
    if (question.type === "single") return { type: "single", choice: question.correct };
    if (question.type === "truefalse") return { type: "truefalse", value: question.correct };
    throw new Error(`unexpected ${question.type}`);
  }

  async function startAndResume(id: string, auth: { cookie?: string; bearer?: string }) {
    const started = await api<StartedAttempt>(`/api/challenges/${id}/attempt`, {
      method: "POST",
      ...auth,
    });
    if (!started.json.ok) throw new Error(started.json.error);
    const socket = await h.client(auth.cookie ? { cookie: auth.cookie } : {});
    const resumed = await request(socket, "room:resume", { token: started.json.data.token });
    if (!resumed.ok) throw new Error(resumed.error);
    return { started: started.json.data, socket, session: resumed.data };
  }

  /** Answers every question right, as each opens, until the podium. */
  async function playThrough(socket: Client, code: string, challengeId: string) {
    const { questions } = (await h.repos.challenges.get(challengeId))!;
    for (let i = 0; i < questions.length; i++) {
      if (i > 0) {
        await next(socket, "room:update", (r) => r.phase === "question" && r.question?.index === i);
      }
      const answered = await request(socket, "round:answer", {
        code,
        questionIndex: i,
        answer: rightAnswer(questions[i]!.question),
      });
      expect(answered).toEqual({ ok: true, data: { questionIndex: i } });
    }
    return next(socket, "room:update", (r) => r.phase === "podium", 12_000);
  }
  it("creates a challenge for hosts only, with a real window", async () => {
    const host = await h.createUser("Host");
    const id = await createChallenge(host.cookie);
    const page = await api<ChallengePageView>(`/api/challenges/${id}`, { cookie: host.cookie });
    expect(page.json).toMatchObject({
      ok: true,
      data: {
        challenge: {
          title: "Friday warm-up",
          questionCount: 2,
          timePerQuestionSec: 5,
          window: "open",
        },
        attempt: null,
      },
    });

    const before = await h.db.prisma.challenge.count();
    const player = await h.createUser("Plain");
    await h.db.prisma.user.update({ where: { id: player.id }, data: { role: "PLAYER" } });
    const refusals = await Promise.all([
      api("/api/challenges", { method: "POST", body: await challengeBody() }),
      api("/api/challenges", {
        method: "POST",
        cookie: player.cookie,
        body: await challengeBody(),
      }),
      api("/api/challenges", {
        method: "POST",
        cookie: host.cookie,
        body: await challengeBody({ deadline: new Date(Date.now() - 1000).toISOString() }),
      }),
      api("/api/challenges", {
        method: "POST",
        cookie: host.cookie,
        body: await challengeBody({ answerKey: [1] }),
      }),
    ]);
    expect(refusals.map((r) => [r.status, r.json.ok ? "ok" : r.json.error])).toEqual([
      [401, "UNAUTHENTICATED"],
      [403, "ROLE_REQUIRED"],
      [400, "INVALID_PAYLOAD"],
      [400, "INVALID_PAYLOAD"],
    ]);
    expect(await h.db.prisma.challenge.count()).toBe(before);
  });

  it("times every question on the server: a late answer is refused and scores nothing", async () => {
    const host = await h.createUser("Host");
    const id = await createChallenge(host.cookie);
    const player = await h.createUser("Timed");
    const { socket, session, started } = await startAndResume(id, { cookie: player.cookie });
    // The clock starts as the player's screen resumes the seat: question 1, with 5 s, exactly.
    expect(session.room.phase).toBe("question");
    const { questionStartedAt, questionDeadline } = session.room;
    expect(questionDeadline! - questionStartedAt!).toBe(5_000);

    const code = started.attempt.roomCode;
    const wrongQuestion = await request(socket, "round:answer", {
      code,
      questionIndex: 1,
      answer: { type: "truefalse", value: true },
    });
    expect(wrongQuestion).toEqual({ ok: false, error: "QUESTION_NOT_CURRENT" });
    // Nobody answers: the server closes the question at its deadline and shows the reveal.
    const reveal = await next(socket, "room:update", (r) => r.phase === "reveal", 8_000);
    expect(reveal.sentAt).toBeGreaterThanOrEqual(questionDeadline!);
    // Listening from the reveal on: the next question opens while the checks below run.
    const secondOpened = next(socket, "room:update", (r) => r.phase === "question", 8_000);
    const late = await request(socket, "round:answer", {
      code,
      questionIndex: 0,
      answer: { type: "single", choice: 1 },
    });
    expect(late).toEqual({ ok: false, error: "ANSWER_TOO_LATE" });
    const room = await h.db.prisma.room.findUniqueOrThrow({ where: { code } });
    expect(await h.db.prisma.answer.count({ where: { roomId: room.id } })).toBe(0);
    // The room moves on by itself after the reveal: no host.
    const second = await secondOpened;
    expect(second.questionDeadline! - second.questionStartedAt!).toBe(5_000);
    // Nobody else takes a seat in it by its code: the room holds its one player.
    const stranger = await h.client({ cookie: (await h.createUser("Nosy")).cookie });
    expect(await request(stranger, "room:join", { code, nickname: "Nosy" })).toEqual({
      ok: false,
      error: "ROOM_FULL",
    });
    // The challenge's owner cannot steer the attempt.
    const ownerSocket = await h.client({ cookie: host.cookie });
    expect(await request(ownerSocket, "game:next", { code })).toEqual({
      ok: false,
      error: "ROOM_NOT_FOUND",
    });
  });

  it("one attempt: starting again resumes the same one, a finished one is refused", async () => {
    const host = await h.createUser("Host");
    const id = await createChallenge(host.cookie);
    const player = await h.createUser(unique("Once"));
    const first = await startAndResume(id, { cookie: player.cookie });
    // A reload, or a second tab racing it: the same attempt and room, never a fresh one.
    const again = await Promise.all([
      api<StartedAttempt>(`/api/challenges/${id}/attempt`, {
        method: "POST",
        cookie: player.cookie,
      }),
      api<StartedAttempt>(`/api/challenges/${id}/attempt`, {
        method: "POST",
        cookie: player.cookie,
      }),
    ]);
    for (const r of again) {
      expect(r.json.ok && r.json.data.attempt.id).toBe(first.started.attempt.id);
      expect(r.json.ok && r.json.data.attempt.roomCode).toBe(first.started.attempt.roomCode);
    }
    expect(await h.db.prisma.challengeAttempt.count({ where: { challengeId: id } })).toBe(1);

    const podium = await playThrough(first.socket, first.started.attempt.roomCode, id);
    expect(podium.podium[0]?.score).toBeGreaterThan(0);
    const before = await counts();
    const restart = await api(`/api/challenges/${id}/attempt`, {
      method: "POST",
      cookie: player.cookie,
    });
    expect([restart.status, restart.json]).toEqual([409, { ok: false, error: "ATTEMPT_USED" }]);
    expect(await counts()).toEqual(before);
    const page = await api<ChallengePageView>(`/api/challenges/${id}`, { cookie: player.cookie });
    expect(page.json.ok && page.json.data.attempt).toMatchObject({
      status: "finished",
      result: { score: podium.podium[0]!.score, correctCount: 2, answeredCount: 2 },
    });

    // It counts on the all-time quiz board like any finished room.
    const name = encodeURIComponent(player.name);
    const board = await api<{ rows: { name: string; score: number }[] }>(
      `/api/boards?board=quiz&window=all&q=${name}`,
    );
    expect(board.json.ok && board.json.data.rows).toEqual([
      expect.objectContaining({ name: player.name, score: podium.podium[0]!.score }),
    ]);
  });

  it("refuses before it opens and after its deadline, writing nothing", async () => {
    const host = await h.createUser("Host");
    const later = await createChallenge(host.cookie, {
      opensAt: new Date(Date.now() + hour).toISOString(),
      deadline: new Date(Date.now() + 2 * hour).toISOString(),
    });
    const over = await createChallenge(host.cookie);
    await h.db.prisma.challenge.update({
      where: { id: over },
      data: { deadline: new Date(Date.now() - 1000) },
    });
    const player = await h.createUser("Late");
    const before = await counts();
    const early = await api(`/api/challenges/${later}/attempt`, {
      method: "POST",
      cookie: player.cookie,
    });
    const closed = await api(`/api/challenges/${over}/attempt`, {
      method: "POST",
      cookie: player.cookie,
    });
    const guest = await api(`/api/challenges/${later}/attempt`, { method: "POST" });
    const unknown = await api(`/api/challenges/nosuchchallenge1/attempt`, {
      method: "POST",
      cookie: player.cookie,
    });
    expect([early, closed, guest, unknown].map((r) => [r.status, r.json])).toEqual([
      [409, { ok: false, error: "CHALLENGE_NOT_OPEN" }],
      [410, { ok: false, error: "CHALLENGE_CLOSED" }],
      [401, { ok: false, error: "UNAUTHENTICATED" }],
      [404, { ok: false, error: "CHALLENGE_NOT_FOUND" }],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("the deadline closes a running attempt and what was answered counts", async () => {
    const host = await h.createUser("Host");
    // Long enough to answer question 1 and see question 2 open after its short reveal, with
    // seconds to spare on a busy machine.
    const id = await createChallenge(host.cookie, {
      deadline: new Date(Date.now() + 6_000).toISOString(),
    });
    const player = await h.createUser("Cut");
    const { socket, started } = await startAndResume(id, { cookie: player.cookie });
    const { questions } = (await h.repos.challenges.get(id))!;
    const code = started.attempt.roomCode;
    expect(
      await request(socket, "round:answer", {
        code,
        questionIndex: 0,
        answer: rightAnswer(questions[0]!.question),
      }),
    ).toMatchObject({ ok: true });
    const podium = await next(socket, "room:update", (r) => r.phase === "podium", 15_000);
    expect(podium.podium).toHaveLength(1);
    const result = await h.db.prisma.result.findFirstOrThrow({
      where: { room: { code } },
    });
    expect(result).toMatchObject({ answeredCount: 1, correctCount: 1 });
    const afterDeadline = await api(`/api/challenges/${id}/attempt`, {
      method: "POST",
      cookie: player.cookie,
    });
    expect(afterDeadline.json).toEqual({ ok: false, error: "ATTEMPT_USED" });
  });

  it("an event's challenge: candidates only, each sees only their own attempt, the dashboard counts it", async () => {
    const organiser = await h.createUser("Organiser");
    await h.db.prisma.user.update({ where: { id: organiser.id }, data: { role: "ORGANISER" } });
    const setId = await fixtureSetId();
    const event = await h.repos.events.create(
      organiser.id,
      EventDraftSchema.parse({
        name: "Hiring day",
        startsAt: new Date(Date.now() - hour).toISOString(),
        endsAt: new Date(Date.now() + 2 * hour).toISOString(),
        terms: "ok",
        setIds: [setId],
      }),
    );
    const id = await createChallenge(organiser.cookie, { eventId: event.id });
    const candidate = async (name: string, eventId = event.id) => {
      const row = await h.db.prisma.candidate.create({
        data: { eventId, name, email: `${unique(name)}@e.test`, acceptedTermsAt: new Date() },
      });
      const token = await signCandidateToken(
        { candidateId: row.id, eventId },
        TEST_SECRET,
        new Date(Date.now() + hour),
      );
      return { row, token };
    };
    const ana = await candidate("Ana");
    const bo = await candidate("Bo");

    const played = await startAndResume(id, { bearer: ana.token });
    const podium = await playThrough(played.socket, played.started.attempt.roomCode, id);
    const anaScore = podium.podium[0]!.score;

    // Bo sees the challenge and no attempt: never Ana's.
    const boPage = await api<ChallengePageView>(`/api/challenges/${id}`, { bearer: bo.token });
    expect(boPage.json.ok && boPage.json.data.attempt).toBeNull();
    const anaPage = await api<ChallengePageView>(`/api/challenges/${id}`, { bearer: ana.token });
    expect(anaPage.json.ok && anaPage.json.data.attempt?.result?.score).toBe(anaScore);
    // Bo's start is Bo's own attempt, in another room.
    const boStart = await api<StartedAttempt>(`/api/challenges/${id}/attempt`, {
      method: "POST",
      bearer: bo.token,
    });
    expect(boStart.json.ok && boStart.json.data.attempt.roomCode).not.toBe(
      played.started.attempt.roomCode,
    );
    // Bo's player token does not open Ana's seat: it names Bo's player in Bo's room.
    const boSocket = await h.client();
    const boSession = await request(boSocket, "room:resume", {
      token: boStart.json.ok ? boStart.json.data.token : "",
    });
    expect(boSession.ok && boSession.data.room.code).toBe(
      boStart.json.ok && boStart.json.data.attempt.roomCode,
    );

    // Not a candidate of this event: as if the challenge did not exist, and nothing written.
    const other = await h.repos.events.create(
      organiser.id,
      EventDraftSchema.parse({
        name: "Other",
        startsAt: new Date(Date.now() - hour).toISOString(),
        endsAt: new Date(Date.now() + hour).toISOString(),
        terms: "ok",
        setIds: [setId],
      }),
    );
    const outsider = await candidate("Out", other.id);
    const stranger = await h.createUser("Stranger");
    const before = await counts();
    const refused = await Promise.all([
      api(`/api/challenges/${id}`, { bearer: outsider.token }),
      api(`/api/challenges/${id}/attempt`, { method: "POST", bearer: outsider.token }),
      api(`/api/challenges/${id}/attempt`, { method: "POST", cookie: stranger.cookie }),
      api(`/api/challenges/${id}/attempt`, { method: "POST", bearer: "not-a-token-at-all" }),
    ]);
    expect(refused.map((r) => r.json)).toEqual(
      Array(4).fill({ ok: false, error: "CHALLENGE_NOT_FOUND" }),
    );
    expect(await counts()).toEqual(before);

    // The finished attempt is a finished room of the event: the dashboard counts it.
    const dashboard = await api<{ candidates: { id: string; score: number; answered: number }[] }>(
      `/api/events/${event.id}/dashboard`,
      { cookie: organiser.cookie },
    );
    const anaRow = dashboard.json.ok
      ? dashboard.json.data.candidates.find((c) => c.id === ana.row.id)
      : undefined;
    expect(anaRow).toMatchObject({ score: anaScore, answered: 2 });
  });
});
