import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as tf from "@tensorflow/tfjs";
import type {
  ChallengeAttemptsView,
  ChallengePageView,
  OwnedChallengesView,
} from "@/lib/contract/challenges";
import { UploadAcceptedSchema } from "@/lib/contract/http";
import {
  challengeApi,
  createChallenge,
  rightAnswer,
  startAndResume,
  TEST_REVEAL_MS,
} from "../support/challenge-play";
import { next, request, startHarness, type Harness } from "../support/realtime-harness";
import { openRoom } from "../support/room-setup";
import { toArtifact, trainTinyMlp } from "../support/tiny-model";

/**
 * A challenge with a coding round between its two quiz questions, taken alone over real Socket.IO
 * on real Postgres: the model trained here is uploaded over HTTP with the attempt's player token,
 * scored by the evaluator process, and ranked when the player closes the round ("I'm done",
 * round:close: nobody hosts a self-paced room, so it would otherwise run to its clock); its points
 * are in the attempt's result, the player's page and the owner's table. A live room's player may
 * not close its round.
 */
describe("a coding round inside a self-paced challenge", () => {
  let h: Harness;
  let model: tf.Sequential;
  beforeAll(async () => {
    h = await startHarness("postgres", { selfPacedRevealMs: TEST_REVEAL_MS });
    model = await trainTinyMlp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    "scores the submitted model and counts its points in the finished attempt",
    { timeout: 240_000 },
    async () => {
      const host = await h.createUser("Coach");
      const id = await createChallenge(h, host.cookie, {
        title: "Quiz and model",
        // The shortest round there is; the player closes it sooner, once done.
        codingRounds: [
          { afterQuestion: 1, durationSec: 60, accuracyFloor: 0.5, maxSubmissions: 2 },
        ],
      });
      const player = await h.createUser("Lin");
      const page = await challengeApi<ChallengePageView>(h, `/api/challenges/${id}`, {
        cookie: player.cookie,
      });
      expect(page.json.ok && page.json.data.challenge).toMatchObject({
        questionCount: 2,
        codingRoundCount: 1,
      });

      // Quiz question, coding round, quiz question: the room's sequence indexes 0, 1 and 2.
      const { questions } = (await h.repos.challenges.get(id))!;
      const { socket, started } = await startAndResume(h, id, { cookie: player.cookie });
      const code = started.attempt.roomCode;
      const answer = (index: number, quiz: number) =>
        request(socket, "round:answer", {
          code,
          questionIndex: index,
          answer: rightAnswer(questions[quiz]!.question),
        });
      const roundOpened = next(
        socket,
        "room:update",
        (r) => r.phase === "question" && r.question?.type === "coding",
        15_000,
      );
      // A quiz question is not a coding round: nothing to close, and nothing changes.
      expect(await request(socket, "round:close", { code, questionIndex: 0 })).toEqual({
        ok: false,
        error: "NOT_CODING_ROUND",
      });
      expect(await answer(0, 0)).toEqual({ ok: true, data: { questionIndex: 0 } });
      const round = await roundOpened;
      expect(round.question?.index).toBe(1);
      expect(round.questionDeadline! - round.questionStartedAt!).toBe(60_000);
      expect(round.selfPaced).toBe(true);

      // The first upload starts the evaluator child: seconds idle, far more on a loaded machine.
      const verdict = next(socket, "submission:result", () => true, 90_000);
      const artifact = JSON.stringify(await toArtifact(model, "uint8"));
      const upload = await fetch(`${h.url}/api/rooms/${code}/submissions?round=1`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${started.token}`,
          "content-type": "application/json",
        },
        body: artifact,
      });
      expect(upload.status).toBe(202);
      const accepted = UploadAcceptedSchema.parse(await upload.json()).data;

      // Done: the player closes the round at once, most likely while the model is still being
      // scored. The close waits for that verdict (the drain the round's clock would start too),
      // then ranks the model on the private split; the room moves on by itself to the last question.
      const revealed = next(
        socket,
        "room:update",
        (r) => r.phase === "reveal" && r.question?.index === 1,
        90_000,
      );
      // Only the attempt's own player: the challenge's owner (no player of the room) is refused.
      const ownerSocket = await h.client({ cookie: host.cookie });
      expect(await request(ownerSocket, "round:close", { code, questionIndex: 1 })).toEqual({
        ok: false,
        error: "PLAYER_NOT_FOUND",
      });
      expect(await request(socket, "round:close", { code, questionIndex: 1 })).toEqual({
        ok: true,
        data: null,
      });
      // Sent twice: refused, whether the round is still draining or already revealed.
      expect(await request(socket, "round:close", { code, questionIndex: 1 })).toEqual({
        ok: false,
        error: "ROUND_CLOSED",
      });
      const scored = await verdict;
      if (!scored.ok) throw new Error(`rejected: ${scored.rejection.code}`);
      expect(scored.publicAccuracy).toBeGreaterThan(0.6);
      const closed = await revealed;
      // The last question opens by itself after the reveal, while the checks below run.
      const lastOpened = next(
        socket,
        "room:update",
        (r) => r.phase === "question" && r.question?.index === 2,
      );
      // Closed by the player, not by the clock.
      expect(closed.sentAt).toBeLessThan(round.questionDeadline!);
      expect(closed.coding?.split).toBe("private");
      const final = await h.db.prisma.submission.findUniqueOrThrow({
        where: { id: accepted.submissionId },
      });
      expect(final).toMatchObject({ status: "SCORED", final: true, finalRank: 1, metTarget: true });
      expect(final.points).toBeGreaterThan(0);
      expect(closed.coding?.entries).toEqual([
        expect.objectContaining({ rank: 1, points: final.points, aboveFloor: true }),
      ]);

      await lastOpened;
      expect(await answer(2, 1)).toEqual({ ok: true, data: { questionIndex: 2 } });
      const podium = await next(socket, "room:update", (r) => r.phase === "podium", 15_000);

      // The attempt's score is both answers' points plus the model's: nothing dropped.
      const answers = await h.db.prisma.answer.findMany({ where: { room: { code } } });
      const quizPoints = answers.reduce((sum, a) => sum + a.points + a.streakBonus, 0);
      const score = quizPoints + final.points!;
      expect(podium.podium[0]?.score).toBe(score);
      let result = await h.db.prisma.result.findFirst({ where: { room: { code } } });
      for (let waited = 0; !result && waited < 15_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        result = await h.db.prisma.result.findFirst({ where: { room: { code } } });
      }
      expect(result).toMatchObject({ score, correctCount: 3, answeredCount: 3, rank: 1 });

      const mine = await challengeApi<ChallengePageView>(h, `/api/challenges/${id}`, {
        cookie: player.cookie,
      });
      expect(mine.json.ok && mine.json.data.attempt).toMatchObject({
        status: "finished",
        result: { score, correctCount: 3, answeredCount: 3 },
      });
      const owner = await challengeApi<ChallengeAttemptsView>(h, `/api/challenges/${id}/attempts`, {
        cookie: host.cookie,
      });
      expect(owner.json.ok && owner.json.data.attempts).toEqual([
        expect.objectContaining({
          name: "Lin",
          status: "finished",
          score,
          correctCount: 3,
          rank: 1,
          models: [
            {
              questionIndex: 1,
              submissions: 1,
              final: {
                publicAccuracy: final.publicAccuracy,
                privateAccuracy: final.privateAccuracy,
                sizeBytes: accepted.sizeBytes,
                points: final.points,
                metTarget: true,
              },
            },
          ],
        }),
      ]);
      const listed = await challengeApi<OwnedChallengesView>(h, "/api/challenges", {
        cookie: host.cookie,
      });
      expect(listed.json.ok && listed.json.data.challenges).toEqual([
        expect.objectContaining({ id, attemptsStarted: 1, attemptsFinished: 1 }),
      ]);
    },
  );

  it("refuses a live room's player who tries to close its coding round, changing nothing", async () => {
    const room = await openRoom(h, ["ada"], { questionCount: 1 }, [
      { afterQuestion: 0, durationSec: 60, accuracyFloor: 0.5, maxSubmissions: 2 },
    ]);
    const ada = room.players[0]!.socket;
    const opened = next(ada, "room:update", (r) => r.phase === "question");
    expect(await request(room.host, "game:start", { code: room.code })).toEqual({
      ok: true,
      data: null,
    });
    const view = await opened;
    expect(view.question?.type).toBe("coding");
    expect(view.selfPaced).toBeUndefined();

    const before = JSON.stringify(await h.realtime.runtime.get(room.code));
    expect(await request(ada, "round:close", { code: room.code, questionIndex: 0 })).toEqual({
      ok: false,
      error: "SELF_PACED_ONLY",
    });
    // The host's socket is no player of the room; a malformed payload reaches no game code.
    expect(await request(room.host, "round:close", { code: room.code, questionIndex: 0 })).toEqual({
      ok: false,
      error: "PLAYER_NOT_FOUND",
    });
    expect(
      await request(ada, "round:close", { code: room.code, questionIndex: 0, playerId: "x" }),
    ).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    expect(JSON.stringify(await h.realtime.runtime.get(room.code))).toBe(before);

    // The host still closes it as ever.
    const revealed = next(ada, "room:update", (r) => r.phase === "reveal");
    expect(await request(room.host, "game:next", { code: room.code })).toEqual({
      ok: true,
      data: null,
    });
    expect((await revealed).question?.type).toBe("coding");
  });
});
