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
} from "../support/challenge-play";
import { next, request, startHarness, type Harness } from "../support/realtime-harness";
import { toArtifact, trainTinyMlp } from "../support/tiny-model";

/**
 * A challenge with a coding round between its two quiz questions, taken alone over real Socket.IO
 * on real Postgres: the model trained here is uploaded over HTTP with the attempt's player token,
 * scored by the evaluator process, ranked when the round's own clock closes it (nobody hosts a
 * self-paced room), and its points are in the attempt's result, the player's page and the owner's
 * table.
 */
describe("a coding round inside a self-paced challenge", () => {
  let h: Harness;
  let model: tf.Sequential;
  beforeAll(async () => {
    h = await startHarness("postgres");
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
        // The shortest round there is: the round closes on its own clock, as nobody hosts.
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
      expect(await answer(0, 0)).toEqual({ ok: true, data: { questionIndex: 0 } });
      const round = await roundOpened;
      expect(round.question?.index).toBe(1);
      expect(round.questionDeadline! - round.questionStartedAt!).toBe(60_000);

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
      const scored = await verdict;
      if (!scored.ok) throw new Error(`rejected: ${scored.rejection.code}`);
      expect(scored.publicAccuracy).toBeGreaterThan(0.6);

      // The round's clock closes it and ranks the model on the private split, then the room moves
      // on by itself to the last question.
      const closed = await next(
        socket,
        "room:update",
        (r) => r.phase === "reveal" && r.question?.index === 1,
        90_000,
      );
      expect(closed.coding?.split).toBe("private");
      const final = await h.db.prisma.submission.findUniqueOrThrow({
        where: { id: accepted.submissionId },
      });
      expect(final).toMatchObject({ status: "SCORED", final: true, finalRank: 1, metTarget: true });
      expect(final.points).toBeGreaterThan(0);
      expect(closed.coding?.entries).toEqual([
        expect.objectContaining({ rank: 1, points: final.points, aboveFloor: true }),
      ]);

      await next(socket, "room:update", (r) => r.phase === "question" && r.question?.index === 2);
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
});
