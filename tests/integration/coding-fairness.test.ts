import { BoardResponseSchema } from "@/lib/contract/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import type { RoomView } from "@/lib/contract/views";
import { CodingService, type Evaluator } from "@/server/coding/coding-service";
import type { GatedModel } from "@/lib/model/gate";
import type { EvaluationResult } from "@/server/evaluator/evaluator";
import { createLogger } from "@/server/logger";
import { boardPageData } from "@/app/boards/board-data";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { type OpenRoom, openRoom } from "../support/room-setup";
import { mlp, toArtifact } from "../support/tfjs-models";

/**
 * Coding-round fairness through the real runtime, Socket.IO and Postgres, with a fake evaluator
 * whose verdicts the test releases: what boards show while a round runs, and a close that waits
 * for every acknowledged evaluation.
 */

type Verdict = { publicAccuracy: number; privateAccuracy: number };

/** Holds every job until the test releases it with the accuracies it wants. */
class HeldEvaluator implements Evaluator {
  readonly jobs: { release: (v: Verdict) => void }[] = [];
  private waiters: (() => void)[] = [];

  evaluate(model: GatedModel): Promise<EvaluationResult> {
    return new Promise((resolve) => {
      this.jobs.push({
        release: (v) =>
          resolve({
            ok: true,
            ...v,
            sizeBytes: model.sizeBytes,
            parameters: 1,
            summary: { layers: [], parameters: 1 } as never,
            evaluatorVersion: 1,
            ms: 1,
            timings: { roundTripMs: 0, loadMs: 0, predictMs: 0 },
            predictionCounts: [],
            predictionDigest: "",
          }),
      });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  async waitForJobs(n: number): Promise<void> {
    while (this.jobs.length < n) await new Promise<void>((r) => this.waiters.push(r));
  }
}

describe("coding-round fairness on Postgres", () => {
  let h: Harness;
  let body: Uint8Array;
  beforeAll(async () => {
    h = await startHarness("postgres");
    await tf.setBackend("cpu");
    // An untrained model: the fake evaluator decides its scores, the static gate still runs.
    body = new TextEncoder().encode(JSON.stringify(await toArtifact(mlp(4))));
  });
  afterAll(async () => {
    await h?.close();
  });

  function service(evaluator: Evaluator, submissions = h.repos.submissions) {
    return new CodingService({
      runtime: h.realtime.runtime,
      submissions,
      evaluator,
      transport: h.realtime.transport,
      logger: createLogger("error"),
    });
  }

  async function startedRoom(nicknames: string[]): Promise<OpenRoom> {
    const room = await openRoom(h, nicknames, { questionCount: 0 }, [
      { afterQuestion: 0, durationSec: 600, accuracyFloor: 0.5, maxSubmissions: 3 },
    ]);
    const started = next(room.host, "room:update", (r) => r.phase === "question");
    expect((await request(room.host, "game:start", { code: room.code })).ok).toBe(true);
    await started;
    return room;
  }

  const submit = (coding: CodingService, room: OpenRoom, player: number) =>
    coding.submit({
      roomCode: room.code,
      playerId: room.players[player]!.session.playerId,
      questionIndex: 0,
      // submit() transfers the bytes to the gate's thread: each upload gets its own copy.
      body: body.slice(),
    });

  async function boards() {
    const get = async (query: string) => {
      const response = await fetch(`${h.url}/api/boards/scratch${query}`);
      expect(response.status).toBe(200);
      return BoardResponseSchema.parse(await response.json()).data;
    };
    const plain = await get("");
    // The floor is not the caller's to choose: the parameter changes nothing.
    expect(await get("?floor=0")).toEqual(plain);
    expect(await get("?floor=-1")).toEqual(plain);
    const page = await boardPageData(h.repos.submissions, "scratch");
    expect(page?.rows).toEqual(plain);
    return plain as { submissionId: string; roomCode: string | null; privateAccuracy: number }[];
  }

  it("shows no model, private figure or live room code of a round before it closes", async () => {
    const evaluator = new HeldEvaluator();
    const coding = service(evaluator);
    const room = await startedRoom(["ada", "bob"]);
    const ada = await submit(coding, room, 0);
    const bob = await submit(coding, room, 1);
    if (!ada.ok || !bob.ok) throw new Error("submission refused");
    await evaluator.waitForJobs(2);
    // Distinctive private accuracies: if either shows up anywhere, it leaked.
    evaluator.jobs[0]!.release({ publicAccuracy: 0.8, privateAccuracy: 0.8123 });
    evaluator.jobs[1]!.release({ publicAccuracy: 0.3, privateAccuracy: 0.3123 });
    await coding.idle();
    expect(
      (await h.db.prisma.submission.findUniqueOrThrow({ where: { id: ada.data.submissionId } }))
        .privateAccuracy,
    ).toBe(0.8123);

    const during = await boards();
    expect(during.map((r) => r.submissionId)).not.toContain(ada.data.submissionId);
    // The boards and the /results/CODE page's read.
    const everything = JSON.stringify([during, await h.repos.rooms.getResults(room.code)]);
    expect(everything).not.toContain("0.8123");
    expect(everything).not.toContain("0.3123");
    expect(JSON.stringify(during)).not.toContain(room.code);

    // The round closes: ada's model (above the floor) is on the board with its private figure,
    // but the room is still running, so no room code. bob's below-floor model is not, whatever
    // floor a URL asks for.
    const revealed = next(room.host, "room:update", (r) => r.phase === "reveal");
    expect((await request(room.host, "game:next", { code: room.code })).ok).toBe(true);
    await revealed;
    const closed = (await boards()).filter((r) =>
      [ada.data.submissionId, bob.data.submissionId].includes(r.submissionId),
    );
    expect(closed).toEqual([
      expect.objectContaining({
        submissionId: ada.data.submissionId,
        privateAccuracy: 0.8123,
        roomCode: null,
      }),
    ]);

    // The game ends: the room code is no longer a live join code and becomes a link.
    const podium = next(room.host, "room:update", (r) => r.phase === "podium");
    expect((await request(room.host, "game:end", { code: room.code })).ok).toBe(true);
    await podium;
    await expect
      .poll(async () => (await boards()).find((r) => r.submissionId === ada.data.submissionId))
      .toMatchObject({ roomCode: room.code });
  });

  it(
    "ranks every acknowledged submission when the host closes, however long scoring takes",
    { timeout: 60_000 },
    async () => {
      const evaluator = new HeldEvaluator();
      const coding = service(evaluator);
      const room = await startedRoom(["cat", "dan", "eve"]);
      const accepted = await Promise.all([0, 1, 2].map((i) => submit(coding, room, i)));
      expect(accepted.map((a) => a.ok)).toEqual([true, true, true]);
      await evaluator.waitForJobs(3);

      // The host closes with three models still queued: everyone sees "scoring 3 models".
      const scoringHost = next(room.host, "room:update", (r) => r.coding?.draining === true);
      const scoringPlayer = next(
        room.players[0]!.socket,
        "room:update",
        (r) => r.coding?.draining === true,
      );
      expect((await request(room.host, "game:next", { code: room.code })).ok).toBe(true);
      for (const view of [await scoringHost, await scoringPlayer]) {
        expect(view).toMatchObject({ phase: "question", coding: { draining: true, pending: 3 } });
      }
      // Closing has started: a new upload is refused up front, never accepted then dropped.
      expect(await submit(coding, room, 0)).toMatchObject({ ok: false, error: "ANSWER_TOO_LATE" });
      // Ending the game meanwhile does not cut the scoring short: the podium follows the verdicts.
      expect((await request(room.host, "game:end", { code: room.code })).ok).toBe(true);
      const state = await h.realtime.runtime.get(room.code);
      expect(state).toMatchObject({ phase: "question", codingDrain: { endGame: true } });

      const podium = next(room.host, "room:update", (r: RoomView) => r.phase === "podium", 20_000);
      const verdicts = [0.9, 0.8, 0.7];
      for (const [i, accuracy] of verdicts.entries()) {
        await new Promise((r) => setTimeout(r, 300));
        evaluator.jobs[i]!.release({ publicAccuracy: accuracy, privateAccuracy: accuracy });
      }
      const final = await podium;
      expect(final.podium.map((e) => [e.nickname, e.score])).toEqual([
        ["cat", 1000],
        ["dan", 750],
        ["eve", 500],
      ]);
      await coding.idle();
      const rows = await h.db.prisma.submission.findMany({
        where: { room: { code: room.code } },
        orderBy: { finalRank: "asc" },
      });
      expect(rows.map((r) => [r.final, r.finalRank, r.points, r.metTarget])).toEqual([
        [true, 1, 1000, true],
        [true, 2, 750, true],
        [true, 3, 500, true],
      ]);
      const results = await h.repos.rooms.getResults(room.code);
      expect(results?.status).toBe("FINISHED");
      expect(results?.results.map((r) => r.score)).toEqual([1000, 750, 500]);
    },
  );

  it("keeps a verdict whose first write failed, and the close still ranks it", async () => {
    const evaluator = new HeldEvaluator();
    let failures = 1;
    const flaky = Object.create(h.repos.submissions) as typeof h.repos.submissions;
    flaky.saveEvaluation = (...args) => {
      if (failures-- > 0) return Promise.reject(new Error("connection terminated"));
      return h.repos.submissions.saveEvaluation(...args);
    };
    const coding = service(evaluator, flaky);
    const room = await startedRoom(["fay"]);
    const fay = await submit(coding, room, 0);
    if (!fay.ok) throw new Error("submission refused");
    await evaluator.waitForJobs(1);
    expect((await request(room.host, "game:next", { code: room.code })).ok).toBe(true);
    const revealed = next(room.host, "room:update", (r) => r.phase === "reveal", 20_000);
    evaluator.jobs[0]!.release({ publicAccuracy: 0.9, privateAccuracy: 0.9 });
    await revealed;
    await coding.idle();
    const row = await h.db.prisma.submission.findUniqueOrThrow({
      where: { id: fay.data.submissionId },
    });
    expect([row.status, row.privateAccuracy, row.final, row.points]).toEqual([
      "SCORED",
      0.9,
      true,
      1000,
    ]);
  });
});
