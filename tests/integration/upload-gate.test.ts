import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelArtifact } from "@/lib/model/artifact";
import { decodeBase64, encodeBase64 } from "@/lib/model/base64";
import { MAX_JSON_DEPTH } from "@/lib/model/gate";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { deepestBody, LARGEST_RANDOM_HIDDEN, randomMlp } from "../support/random-model";
import { type OpenRoom, openRoom } from "../support/room-setup";

/**
 * The upload path's order and its gate (issue 7, items 3, 6, 7), on the real server: the room's
 * refusals come before the body is read or gated, the gate runs on a worker thread, and a model
 * the gate refuses (NaN weights, deep nesting) is refused synchronously and costs no slot.
 */
describe("model uploads: cheapest check first, gated off the event loop", () => {
  let h: Harness;
  /** The case: 784-620-10 float32 with random weights, a ~2.6 MB body. */
  let huge: string;
  const small = JSON.stringify(randomMlp(8, { quantize: "uint8" }));

  beforeAll(async () => {
    h = await startHarness("postgres");
    huge = JSON.stringify(randomMlp(LARGEST_RANDOM_HIDDEN));
  });
  afterAll(async () => {
    await h?.close();
  });

  async function upload(room: OpenRoom, player: number, body: string, round = 0) {
    const response = await fetch(`${h.url}/api/rooms/${room.code}/submissions?round=${round}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${room.players[player]!.session.token}`,
        "content-type": "application/json",
      },
      body,
    });
    return {
      status: response.status,
      json: (await response.json()) as {
        error?: string;
        rejection?: { code: string; detail: string };
      },
    };
  }

  async function codingRoom(nicknames: string[], maxSubmissions = 3): Promise<OpenRoom> {
    const room = await openRoom(h, nicknames, { questionCount: 1 }, [
      { afterQuestion: 0, durationSec: 120, accuracyFloor: 0.5, maxSubmissions },
    ]);
    const started = next(room.players[0]!.socket, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    await started;
    return room;
  }

  const gated = () => h.coding.gateStats().completed;
  async function submittedBy(room: OpenRoom, player: number) {
    const state = await h.realtime.runtime.get(room.code);
    return state?.coding[room.players[player]!.session.playerId]?.submitted ?? 0;
  }

  it("refuses a kicked player before reading or gating the body, whatever it holds", async () => {
    const room = await codingRoom(["kim", "lee"]);
    const kicked = await request(room.host, "room:kick", {
      code: room.code,
      playerId: room.players[0]!.session.playerId,
    });
    expect(kicked.ok).toBe(true);
    const before = gated();
    // A malformed body would be MODEL_REJECTED if it were parsed: KICKED proves it was not.
    for (const body of [huge, "{not json", deepestBody()]) {
      const response = await upload(room, 0, body);
      expect(response).toEqual({ status: 403, json: { ok: false, error: "KICKED" } });
    }
    expect(gated()).toBe(before);
  });

  it("refuses an over-cap player and a closed round before gating", async () => {
    const room = await codingRoom(["max", "ned"], 1);
    expect((await upload(room, 0, small)).status).toBe(202);
    const before = gated();
    for (const body of [huge, "{not json"]) {
      expect(await upload(room, 0, body)).toEqual({
        status: 429,
        json: { ok: false, error: "SUBMISSION_LIMIT" },
      });
    }
    expect((await upload(room, 1, "{not json", 5)).json.error).toBe("QUESTION_NOT_CURRENT");

    const revealed = next(room.host, "room:update", (r) => r.phase === "reveal", 30_000);
    await request(room.host, "game:next", { code: room.code });
    await revealed;
    for (const body of [huge, "{not json"]) {
      expect(await upload(room, 1, body)).toEqual({
        status: 409,
        json: { ok: false, error: "ANSWER_TOO_LATE" },
      });
    }
    expect(gated()).toBe(before);
    await h.coding.idle();
  });

  it("refuses NaN and Infinity weights synchronously, without using a slot", async () => {
    const room = await codingRoom(["ora"], 1);
    const model = randomMlp(8);
    const withWeight = (value: number): ModelArtifact => {
      const bytes = decodeBase64(model.weightData);
      if (!bytes.ok) throw new Error(bytes.error);
      new DataView(bytes.bytes.buffer).setFloat32(40, value, true);
      return { ...model, weightData: encodeBase64(bytes.bytes) };
    };
    for (const value of [NaN, Infinity]) {
      const response = await upload(room, 0, JSON.stringify(withWeight(value)));
      expect(response.status).toBe(422);
      expect(response.json).toMatchObject({
        error: "MODEL_REJECTED",
        rejection: { code: "NON_FINITE_WEIGHTS", detail: `d1/kernel[10] is ${value}` },
      });
    }
    expect(await submittedBy(room, 0)).toBe(0);
    const stored = () => h.db.prisma.submission.count({ where: { room: { code: room.code } } });
    expect(await stored()).toBe(0);
    // The one slot is still there.
    expect((await upload(room, 0, small)).status).toBe(202);
    expect(await submittedBy(room, 0)).toBe(1);
    expect(await stored()).toBe(1);
    await h.coding.idle();
  });

  it("refuses deep nesting by its own limit, not a caught stack overflow", async () => {
    const room = await codingRoom(["pat"]);
    const model = randomMlp(8, { quantize: "uint8" });
    const deepTopology = JSON.stringify({
      ...model,
      modelTopology: { ...model.modelTopology, x: 0 },
    }).replace('"x":0', `"x":${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`);
    for (const body of [deepTopology, deepestBody()]) {
      const response = await upload(room, 0, body);
      expect(response).toEqual({
        status: 422,
        json: {
          ok: false,
          error: "MODEL_REJECTED",
          rejection: { code: "TOO_DEEP", detail: `nested deeper than ${MAX_JSON_DEPTH} levels` },
        },
      });
    }
    expect(await submittedBy(room, 0)).toBe(0);
  });

  it("gates on a worker thread, never the main one, and accepts the issue's 2.6 MB model", async () => {
    const room = await codingRoom(["quinn"]);
    const before = gated();
    const response = await upload(room, 0, huge);
    expect(response.status).toBe(202);
    const stats = h.coding.gateStats();
    expect(stats.completed).toBe(before + 1);
    expect(stats.threads.length).toBeGreaterThan(0);
    expect(stats.threads).not.toContain(threadId);
    expect(stats.threads).not.toContain(0);
    await h.coding.idle();
  }, 60_000);
});
