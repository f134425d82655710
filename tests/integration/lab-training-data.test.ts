import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  downloadTrainingSlice,
  TrainingDataRefused,
  type Progress,
  type ShardStore,
} from "@/app/lab/training-data";
import { ApiErrorSchema, TrainingManifestResponseSchema } from "@/lib/contract/http";
import { trainingSplit } from "@/server/evaluator/mnist";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { type OpenRoom, openRoom } from "../support/room-setup";

/**
 * Item 12 of issue 8: a phone downloads the round's budget of training images, not the whole
 * split, over the real HTTP routes; progress counts the compressed bytes that cross the network;
 * nobody gets more than the budget, or anything without a token of the room.
 */
describe("the lab's training data, cut to the round's budget", () => {
  let h: Harness;
  const rooms = new Map<number, OpenRoom>();

  /** A room whose only coding round (index 0) allows `budget` images, started. */
  async function roomWithBudget(budget: number): Promise<OpenRoom> {
    const room = await openRoom(h, ["ada", "bob"], { questionCount: 1 }, [
      { afterQuestion: 0, durationSec: 600, trainingBudget: budget },
    ]);
    const started = next(room.players[0]!.socket, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    expect((await started).question?.type).toBe("coding");
    rooms.set(budget, room);
    return room;
  }

  /** The lab's own loader over real HTTP, recording what went over the wire. */
  async function download(room: OpenRoom, store: ShardStore = memoryStore()) {
    const progress: Progress[] = [];
    const wire: { url: string; contentLength: number; encoding: string | null }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (/training-data\/\d+/.test(url)) {
        wire.push({
          url,
          contentLength: Number(response.headers.get("content-length")),
          encoding: response.headers.get("content-encoding"),
        });
      }
      return response;
    };
    const data = await downloadTrainingSlice({
      base: h.url,
      code: room.code,
      round: 0,
      token: room.players[0]!.session.token,
      fetch: recordingFetch,
      store,
      onProgress: (p) => progress.push(p),
    });
    return { data, progress, wire };
  }

  const memoryStore = (): ShardStore & { entries: Map<string, unknown> } => {
    const entries = new Map<string, { etag: string; bytes: ArrayBuffer }>();
    return {
      entries,
      read: (key) => Promise.resolve(entries.get(key) ?? null),
      write: (key, entry) => Promise.resolve(void entries.set(key, entry)),
    };
  };

  const get = (room: OpenRoom, path: string, token = room.players[0]!.session.token) =>
    fetch(`${h.url}/api/rooms/${room.code}/training-data${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    h = await startHarness("postgres");
    await roomWithBudget(2000);
    await roomWithBudget(6000);
    await roomWithBudget(2500);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("sends the first N training images and bytes in proportion to N", async () => {
    const split = trainingSplit();
    const small = await download(rooms.get(2000)!);
    const large = await download(rooms.get(6000)!);

    for (const [budget, { data }] of [
      [2000, small],
      [6000, large],
    ] as const) {
      expect(data.count).toBe(budget);
      expect(data.source).toBe("network");
      expect(
        Buffer.from(data.images).equals(Buffer.from(split.images.subarray(0, budget * 784))),
      ).toBe(true);
      expect(Buffer.from(data.labels).equals(Buffer.from(split.labels.subarray(0, budget)))).toBe(
        true,
      );
    }
    // ~0.16 MB of gzip per thousand images, against ~9.6 MB for the whole split.
    const smallBytes = small.data.wireBytes!;
    const largeBytes = large.data.wireBytes!;
    expect(smallBytes).toBeGreaterThan(2 * 100_000);
    expect(smallBytes).toBeLessThan(2 * 250_000);
    expect(largeBytes / smallBytes).toBeGreaterThan(2.6);
    expect(largeBytes / smallBytes).toBeLessThan(3.4);
  });

  it("counts progress in the compressed bytes that cross the network", async () => {
    const { data, progress, wire } = await download(rooms.get(6000)!);
    const onTheWire = wire.reduce((sum, r) => sum + r.contentLength, 0);
    expect(wire).toHaveLength(6);
    // The bodies are gzip files, not gzip-encoded responses: no transparent inflating.
    expect(wire.every((r) => r.encoding === null)).toBe(true);
    const last = progress.at(-1)!;
    expect(last).toEqual({ loaded: onTheWire, total: onTheWire });
    expect(data.wireBytes).toBe(onTheWire);
    expect(progress.every((p) => p.total === onTheWire && p.loaded <= onTheWire)).toBe(true);
    // Inflated, the same images weigh 785 bytes each: far more than what was counted.
    expect(onTheWire).toBeLessThan((6000 * 785) / 3);
  });

  it("ends a budget between shards with a short shard, and refuses the shard after it", async () => {
    const room = rooms.get(2500)!;
    const manifest = TrainingManifestResponseSchema.parse(
      await (await get(room, "?round=0")).json(),
    );
    expect(manifest.data.shards.map((s) => [s.index, s.first, s.count])).toEqual([
      [0, 0, 1000],
      [1, 1000, 1000],
      [2, 2000, 500],
    ]);
    const { data } = await download(room);
    expect(data.count).toBe(2500);
    expect((await get(room, "/3?round=0")).status).toBe(403);
  });

  it("refuses more than the budget, and anything without the room's token, with a typed error", async () => {
    const room = rooms.get(2000)!;
    const other = rooms.get(6000)!;
    const refusals: [Response, number, string][] = [
      // Past the budget, and where the scoring images would be if they were after the split.
      [await get(room, "/2?round=0"), 403, "TRAINING_BUDGET_EXCEEDED"],
      [await get(room, "/60?round=0"), 403, "TRAINING_BUDGET_EXCEEDED"],
      [await get(room, "/-1?round=0"), 400, "INVALID_PAYLOAD"],
      [await get(room, "/1.5?round=0"), 400, "INVALID_PAYLOAD"],
      [await get(room, "/0"), 400, "INVALID_PAYLOAD"],
      // Round 1 is the quiz question: no training data there.
      [await get(room, "/0?round=1"), 409, "QUESTION_NOT_CURRENT"],
      [await get(room, "/0?round=0", "forged.token.value"), 401, "INVALID_TOKEN"],
      // A token of another room does not open this one, whatever that room's budget.
      [await get(room, "/5?round=0", other.players[0]!.session.token), 401, "INVALID_TOKEN"],
    ];
    for (const [response, status, error] of refusals) {
      expect(response.status).toBe(status);
      expect(ApiErrorSchema.parse(await response.json()).error).toBe(error);
    }
    const unsigned = await fetch(`${h.url}/api/rooms/${room.code}/training-data/0?round=0`);
    expect(unsigned.status).toBe(401);
    // The old whole-split URL is gone.
    expect((await fetch(`${h.url}/api/training-data`)).status).toBe(404);

    // The lab's loader surfaces the code, for the lab to translate.
    const refused = downloadTrainingSlice({
      base: h.url,
      code: room.code,
      round: 1,
      token: room.players[0]!.session.token,
      onProgress: () => {},
    });
    await expect(refused).rejects.toBeInstanceOf(TrainingDataRefused);
    await expect(refused).rejects.toMatchObject({ code: "QUESTION_NOT_CURRENT" });
  });

  it("refuses a player the host removed", async () => {
    const room = rooms.get(2500)!;
    const bob = room.players[1]!;
    expect((await get(room, "/0?round=0", bob.session.token)).status).toBe(200);
    const kicked = await request(room.host, "room:kick", {
      code: room.code,
      playerId: bob.session.playerId,
    });
    expect(kicked.ok).toBe(true);
    const refused = await get(room, "/0?round=0", bob.session.token);
    expect(refused.status).toBe(403);
    expect(ApiErrorSchema.parse(await refused.json()).error).toBe("KICKED");
  });

  it("lets browsers keep a shard for good and revalidate it for nothing", async () => {
    const room = rooms.get(2000)!;
    const manifest = await get(room, "?round=0");
    expect(manifest.headers.get("cache-control")).toBe("no-store");
    const shard = await get(room, "/1?round=0");
    expect(shard.status).toBe(200);
    expect(shard.headers.get("content-type")).toBe("application/gzip");
    expect(shard.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const etag = shard.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    await shard.arrayBuffer();
    const again = await fetch(`${h.url}/api/rooms/${room.code}/training-data/1?round=0`, {
      headers: {
        authorization: `Bearer ${room.players[1]!.session.token}`,
        "if-none-match": etag,
      },
    });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    // The same images have the same tag in another room: kept shards serve every round.
    const elsewhere = await get(rooms.get(6000)!, "/1?round=0");
    expect(elsewhere.headers.get("etag")).toBe(etag);
    await elsewhere.arrayBuffer();
  });

  it("downloads only the shards it has not kept", async () => {
    const store = memoryStore();
    const first = await download(rooms.get(2000)!, store);
    expect(first.wire).toHaveLength(2);
    expect(store.entries.size).toBe(2);
    // A bigger round later: the two kept shards are reused, four are fetched.
    const second = await download(rooms.get(6000)!, store);
    expect(second.wire.map((r) => r.url.match(/training-data\/(\d+)/)![1])).toEqual(
      expect.arrayContaining(["2", "3", "4", "5"]),
    );
    expect(second.wire).toHaveLength(4);
    expect(second.data.count).toBe(6000);
    const reloaded = await download(rooms.get(6000)!, store);
    expect(reloaded.wire).toHaveLength(0);
    expect(reloaded.data).toMatchObject({ source: "indexeddb", wireBytes: null, count: 6000 });
    expect(Buffer.from(reloaded.data.labels).equals(Buffer.from(second.data.labels))).toBe(true);

    // A damaged copy (cut short) is fetched again rather than failing the lab for good.
    const [firstKey, entry] = [...store.entries][0] as [
      string,
      { etag: string; bytes: ArrayBuffer },
    ];
    store.entries.set(firstKey, { etag: entry.etag, bytes: entry.bytes.slice(0, 100) });
    const repaired = await download(rooms.get(6000)!, store);
    expect(repaired.wire).toHaveLength(1);
    expect(Buffer.from(repaired.data.images).equals(Buffer.from(second.data.images))).toBe(true);
  });
});
