import { ApiErrorSchema, RescoreResponseSchema, UploadAcceptedSchema } from "@/lib/contract/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as tf from "@tensorflow/tfjs";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { BASELINE_PATH } from "@/server/coding/baseline";
import type { ModelArtifact } from "@/lib/model/artifact";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { type OpenRoom, openRoom } from "../support/room-setup";
import { toArtifact, trainTinyMlp } from "../support/tiny-model";

/** A model trained here is submitted over HTTP, scored by the evaluator process, and ranked. */
describe("coding rounds end to end over HTTP and Socket.IO", () => {
  let h: Harness;
  let model: tf.Sequential;
  beforeAll(async () => {
    h = await startHarness("postgres");
    model = await trainTinyMlp();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function upload(
    room: OpenRoom,
    player: number,
    artifact: unknown,
    opts: { token?: string; round?: number } = {},
  ) {
    const session = room.players[player]?.session;
    const body = typeof artifact === "string" ? artifact : JSON.stringify(artifact);
    const response = await fetch(
      `${h.url}/api/rooms/${room.code}/submissions?round=${opts.round ?? 0}`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${opts.token ?? session?.token}`,
          "content-type": "application/json",
        },
        body,
      },
    );
    const json = (await response.json()) as Record<string, unknown>;
    // Every answer is one of the documented bodies (lib/contract/http.ts).
    if (response.status === 202) UploadAcceptedSchema.parse(json);
    else ApiErrorSchema.parse(json);
    return { status: response.status, json, body };
  }

  async function codingRoom(nicknames: string[], maxSubmissions = 3): Promise<OpenRoom> {
    const room = await openRoom(h, nicknames, { questionCount: 1 }, [
      { afterQuestion: 0, durationSec: 60, accuracyFloor: 0.5, maxSubmissions },
    ]);
    const started = next(room.players[0]!.socket, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    const view = await started;
    expect(view.question?.type).toBe("coding");
    return room;
  }

  it(
    "scores a submitted model, stores it, pushes the result and ranks it at the close",
    { timeout: 120_000 },
    async () => {
      const room = await codingRoom(["ada", "bob"]);
      const [ada] = room.players;
      const artifact = await toArtifact(model, "uint8");

      // The file's first submission starts the evaluator child (TF.js and the MNIST split load):
      // seconds on an idle machine, far more on a loaded one. A wait, not a timed assertion.
      const result = next(ada!.socket, "submission:result", () => true, 60_000);
      const accepted = await upload(room, 0, artifact);
      expect(accepted.status).toBe(202);
      const data = accepted.json.data as {
        submissionId: string;
        sizeBytes: number;
        sha256: string;
      };
      expect(data.sha256).toBe(createHash("sha256").update(accepted.body).digest("hex"));

      const verdict = await result;
      if (!verdict.ok) throw new Error(`rejected: ${verdict.rejection.code}`);
      expect(verdict.publicAccuracy).toBeGreaterThan(0.6);
      expect(verdict.sizeBytes).toBe(data.sizeBytes);

      const row = await h.db.prisma.submission.findUniqueOrThrow({
        where: { id: data.submissionId },
      });
      expect(row).toMatchObject({
        status: "SCORED",
        sha256: data.sha256,
        evaluatorVersion: "1",
        sizeBytes: data.sizeBytes,
      });
      expect(row.privateAccuracy).toBeGreaterThan(0.6);

      // The host closes the round: the board switches to the private split with points.
      const revealed = next(room.host, "room:update", (r) => r.phase === "reveal");
      await request(room.host, "game:next", { code: room.code });
      const reveal = await revealed;
      expect(reveal.coding?.split).toBe("private");
      expect(reveal.coding?.entries).toEqual([
        expect.objectContaining({
          nickname: "ada",
          rank: 1,
          aboveFloor: true,
          points: 1000,
          accuracy: row.privateAccuracy,
        }),
      ]);
      const final = await h.db.prisma.submission.findUniqueOrThrow({
        where: { id: data.submissionId },
      });
      expect(final).toMatchObject({ final: true, finalRank: 1, points: 1000 });
      // The room's results page reads the same standings back from the database.
      const results = await h.repos.rooms.getResults(room.code);
      expect(results?.codingRounds).toEqual([
        {
          questionIndex: 0,
          variant: "scratch",
          entries: [
            {
              playerId: ada!.session.playerId,
              nickname: "ada",
              rank: 1,
              points: 1000,
              privateAccuracy: row.privateAccuracy,
              sizeBytes: data.sizeBytes,
              summary: row.summary,
            },
          ],
        },
      ]);

      // The host re-scores the stored bytes and gets the same numbers.
      const rescored = await fetch(`${h.url}/api/submissions/${data.submissionId}/rescore`, {
        method: "POST",
        headers: { cookie: room.hostUser.cookie },
      });
      expect(rescored.status).toBe(200);
      const body = RescoreResponseSchema.parse(await rescored.json());
      expect(body.data.identical).toBe(true);
      // Nobody else may.
      const stranger = await h.createUser("Nosy");
      const refused = await fetch(`${h.url}/api/submissions/${data.submissionId}/rescore`, {
        method: "POST",
        headers: { cookie: stranger.cookie },
      });
      expect(refused.status).toBe(403);
    },
  );

  it(
    "refuses hostile and malformed uploads with a reason, storing nothing",
    { timeout: 60_000 },
    async () => {
      const room = await codingRoom(["cy"]);
      const good = await toArtifact(model);
      const withLayer = (className: string): ModelArtifact => {
        const topology = structuredClone(good.modelTopology) as {
          config: { layers: { class_name: string }[] };
        };
        topology.config.layers[0]!.class_name = className;
        return { ...good, modelTopology: topology };
      };
      const cases: [unknown, number, string][] = [
        ["{not json", 422, "MODEL_REJECTED"],
        [{ format: "something-else" }, 422, "MODEL_REJECTED"],
        [withLayer("Lambda"), 422, "MODEL_REJECTED"],
        [{ ...good, weightData: good.weightData.slice(0, 100) }, 422, "MODEL_REJECTED"],
      ];
      for (const [artifact, status, error] of cases) {
        const response = await upload(room, 0, artifact);
        expect(response.status).toBe(status);
        expect(response.json.error).toBe(error);
        if (status === 422)
          expect((response.json.rejection as { detail: string }).detail).toBeTruthy();
      }
      expect((await upload(room, 0, good, { token: "forged.token.value" })).status).toBe(401);
      expect((await upload(room, 0, good, { round: 5 })).json.error).toBe("QUESTION_NOT_CURRENT");
      const huge = await upload(room, 0, "x".repeat(4 * 1024 * 1024));
      expect(huge.status).toBe(413);
      expect(await h.db.prisma.submission.count({ where: { room: { code: room.code } } })).toBe(0);
    },
  );

  it("caps submissions per player per round", { timeout: 120_000 }, async () => {
    const room = await codingRoom(["dee"], 1);
    const artifact = await toArtifact(model, "uint8");
    expect((await upload(room, 0, artifact)).status).toBe(202);
    const second = await upload(room, 0, artifact);
    expect(second.status).toBe(429);
    expect(second.json.error).toBe("SUBMISSION_LIMIT");
    await h.coding.idle();
    expect(await h.db.prisma.submission.count({ where: { room: { code: room.code } } })).toBe(1);
  });

  it(
    "ranks a shrink round against the baseline's accuracy and refuses credit for its size",
    { timeout: 120_000 },
    async () => {
      const room = await openRoom(h, ["eve"], { questionCount: 0 }, [
        { variant: "shrink", durationSec: 120, maxAccuracyDrop: 0.01 },
      ]);
      const started = next(room.players[0]!.socket, "room:update", (r) => r.phase === "question");
      await request(room.host, "game:start", { code: room.code });
      const view = await started;
      expect(view.question).toMatchObject({
        type: "coding",
        coding: { variant: "shrink", baselineUrl: "/models/baseline-mlp.json" },
      });

      // Submitting the baseline itself: accurate enough by definition, and its size is the mark to beat.
      const baseline = JSON.parse(await readFile(BASELINE_PATH, "utf8")) as ModelArtifact;
      const result = next(room.players[0]!.socket, "submission:result", () => true, 60_000);
      const boarded = next(
        room.host,
        "room:update",
        (r) => (r.coding?.entries.length ?? 0) > 0,
        60_000,
      );
      expect((await upload(room, 0, baseline)).status).toBe(202);
      const verdict = await result;
      expect(verdict.ok).toBe(true);
      const board = await boarded;
      const row = await h.db.prisma.submission.findFirstOrThrow({
        where: { room: { code: room.code } },
      });
      // During the round the floor is the baseline's PUBLIC accuracy minus the margin, and the
      // size cap is half the baseline's bytes: the unchanged baseline is accurate enough by
      // definition but too large, so it does not meet the task.
      expect(board.coding?.floor).toBeCloseTo((row.publicAccuracy ?? 0) - 0.01, 10);
      expect(board.coding?.maxBytes).toBe(Math.floor(row.sizeBytes / 2));
      expect(board.coding?.entries[0]).toMatchObject({
        nickname: "eve",
        aboveFloor: false,
        tooLarge: true,
      });

      // Closed: ranked, but no points and not counted as correct.
      const revealed = next(room.host, "room:update", (r) => r.phase === "reveal");
      await request(room.host, "game:next", { code: room.code });
      const reveal = await revealed;
      expect(reveal.coding?.entries[0]).toMatchObject({
        nickname: "eve",
        aboveFloor: false,
        tooLarge: true,
        points: 0,
      });
      const final = await h.db.prisma.submission.findFirstOrThrow({
        where: { room: { code: room.code } },
      });
      expect(final).toMatchObject({ final: true, points: 0, metTarget: false });
    },
  );
});
