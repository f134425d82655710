import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelArtifact } from "@/lib/model/artifact";
import type { SubmissionResultView } from "@/lib/contract/views";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { openRoom, type OpenRoom } from "../support/room-setup";
import { mlp, toArtifact } from "../support/tfjs-models";

/**
 * Issue 7: one player's backlog must not hold up another player's score. Ada uploads three models
 * that each take about a second to score, then Bob uploads one: over the real HTTP upload path,
 * coding service and evaluator, Bob's verdict comes after at most Ada's first, not after all three.
 */
describe("coding rounds score players in turn", () => {
  let h: Harness;
  let slow: ModelArtifact;
  let quick: ModelArtifact;

  beforeAll(async () => {
    await tf.setBackend("cpu");
    h = await startHarness("postgres");
    // ~1 s to score (three batch norms over 28x28x8, bench:cost): long enough for the uploads
    // after it to queue behind it. Random weights: the score does not matter, the order does.
    slow = await toArtifact(
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 1 }),
          ...Array.from({ length: 3 }, () => tf.layers.batchNormalization({})),
          tf.layers.globalAveragePooling2d({}),
          tf.layers.dense({ units: 10, activation: "softmax" }),
        ],
      }),
    );
    quick = await toArtifact(mlp(16));
  });
  afterAll(async () => {
    await h?.close();
  });

  async function upload(room: OpenRoom, player: number, artifact: ModelArtifact) {
    const response = await fetch(`${h.url}/api/rooms/${room.code}/submissions?round=0`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${room.players[player]!.session.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(artifact),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { data: { submissionId: string } }).data.submissionId;
  }

  it("Bob's one model is scored before Ada's backlog of three", { timeout: 120_000 }, async () => {
    const room = await openRoom(h, ["ada", "bob"], { questionCount: 1 }, [
      { afterQuestion: 0, durationSec: 120, accuracyFloor: 0.5, maxSubmissions: 3 },
    ]);
    const started = next(room.players[0]!.socket, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    await started;

    const verdicts: string[] = [];
    const labels = new Map<string, string>();
    const results = new Promise<void>((resolve) => {
      const record = (result: SubmissionResultView) => {
        verdicts.push(result.submissionId);
        if (verdicts.length === 4) resolve();
      };
      for (const player of room.players) player.socket.on("submission:result", record);
    });
    for (const label of ["ada1", "ada2", "ada3"]) labels.set(await upload(room, 0, slow), label);
    labels.set(await upload(room, 1, quick), "bob1");
    await results;

    const order = verdicts.map((id) => labels.get(id));
    expect(order).toEqual(["ada1", "bob1", "ada2", "ada3"]);
  });
});
