import { describe, expect, it } from "vitest";
import {
  decodeShard,
  encodeShard,
  TRAINING_SHARD_SIZE,
  trainingShards,
} from "@/lib/coding/training-slices";

describe("training shards", () => {
  it("cover exactly the budget, in order, the last one short when the budget ends between", () => {
    for (const budget of [1000, 2500, 59_999, 60_000]) {
      const shards = trainingShards(budget);
      expect(shards.reduce((sum, s) => sum + s.count, 0)).toBe(budget);
      expect(shards.every((s, i) => s.index === i && s.first === i * TRAINING_SHARD_SIZE)).toBe(
        true,
      );
      expect(shards.slice(0, -1).every((s) => s.count === TRAINING_SHARD_SIZE)).toBe(true);
    }
    expect(trainingShards(2500).at(-1)).toEqual({ index: 2, first: 2000, count: 500 });
    expect(trainingShards(60_000)).toHaveLength(60);
  });

  it("round-trip, and a damaged shard is refused rather than trained on", () => {
    const images = Uint8Array.from({ length: 3 * 784 }, (_, i) => i % 256);
    const labels = Uint8Array.of(7, 2, 1);
    const bytes = encodeShard(images, labels);
    const decoded = decodeShard(bytes);
    expect(decoded.count).toBe(3);
    expect([...decoded.labels]).toEqual([7, 2, 1]);
    expect(Buffer.from(decoded.images).equals(Buffer.from(images))).toBe(true);
    expect(() => decodeShard(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeShard(wrongMagic)).toThrow(/KBAMNIST/);
    expect(() => encodeShard(images, Uint8Array.of(1))).toThrow();
  });
});
