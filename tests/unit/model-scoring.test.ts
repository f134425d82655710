import { describe, expect, it } from "vitest";
import {
  accuracyPerKb,
  codingRoundPoints,
  paretoFront,
  rankSubmissions,
  shrinkMaxBytes,
  shrinkTargetMet,
  type SubmissionEntry,
} from "@/lib/model/scoring";

const entry = (id: string, accuracy: number, bytes: number, submittedAt = 0): SubmissionEntry => ({
  id,
  accuracy,
  bytes,
  submittedAt,
});

describe("accuracyPerKb", () => {
  it("divides by kilobytes of 1000 bytes", () => {
    expect(accuracyPerKb(0.98, 3000)).toBeCloseTo(0.98 / 3, 12);
    expect(accuracyPerKb(0.5, 1000)).toBe(0.5);
  });

  it("never divides by zero", () => {
    expect(accuracyPerKb(0.1, 0)).toBe(100);
  });
});

describe("rankSubmissions", () => {
  // The environment notes' example: avgpool7 -> dense10 (170 params) scores 73% at 0.8 KB.
  const tiny = entry("avgpool-dense", 0.73, 800);
  const cnn = entry("cnn", 0.98, 3000);

  it("puts a 98% CNN at 3 KB before a 73% model at 0.8 KB under a 90% floor", () => {
    expect(accuracyPerKb(tiny.accuracy, tiny.bytes)).toBeGreaterThan(
      accuracyPerKb(cnn.accuracy, cnn.bytes) * 2.5,
    );
    const ranked = rankSubmissions([tiny, cnn], 0.9);
    expect(ranked.map((r) => [r.id, r.rank, r.aboveFloor])).toEqual([
      ["cnn", 1, true],
      ["avgpool-dense", 2, false],
    ]);
  });

  it("without a floor the bare ratio would put the useless model first", () => {
    expect(rankSubmissions([cnn, tiny], 0).map((r) => r.id)).toEqual(["avgpool-dense", "cnn"]);
  });

  it("ranks each group by accuracy per KB and counts exactly-at-floor as above", () => {
    const ranked = rankSubmissions(
      [
        entry("below-good-ratio", 0.5, 100),
        entry("at-floor", 0.9, 2000),
        entry("above-small", 0.95, 1500),
        entry("below-bad-ratio", 0.85, 9000),
        entry("above-large", 0.99, 20000),
      ],
      0.9,
    );
    expect(ranked.map((r) => `${r.rank}:${r.id}:${r.aboveFloor}`)).toEqual([
      "1:above-small:true",
      "2:at-floor:true",
      "3:above-large:true",
      "4:below-good-ratio:false",
      "5:below-bad-ratio:false",
    ]);
  });

  it("accepts a model sitting on a floor computed as baseline minus margin", () => {
    const floor = 0.97 - 0.01; // the engine's "shrink" floor
    expect(rankSubmissions([entry("edge", 0.96, 1000)], floor)[0]!.aboveFloor).toBe(true);
  });

  it("breaks ratio ties by higher accuracy, then earlier submission, then id", () => {
    const input = [
      entry("half-late", 0.5, 1000, 20),
      entry("three-quarters", 0.75, 1500, 30), // same ratio 0.5, better model
      entry("half-early", 0.5, 1000, 10),
      entry("b-same", 0.5, 1000, 10),
    ];
    const ids = (list: SubmissionEntry[]) => rankSubmissions(list, 0).map((r) => r.id);
    expect(ids(input)).toEqual(["three-quarters", "b-same", "half-early", "half-late"]);
    expect(ids([...input].reverse())).toEqual(ids(input));
  });

  it("keeps the caller's fields and adds rank, aboveFloor and the ratio", () => {
    const [first] = rankSubmissions([{ ...cnn, playerId: "p1" }], 0.9);
    expect(first).toEqual({
      ...cnn,
      playerId: "p1",
      rank: 1,
      aboveFloor: true,
      tooLarge: false,
      accuracyPerKb: 0.98 / 3,
    });
  });
});

describe("paretoFront", () => {
  it("keeps the non-dominated models, smallest first", () => {
    const front = paretoFront([
      { id: "a", accuracy: 0.73, bytes: 800 },
      { id: "b", accuracy: 0.98, bytes: 3100 },
      { id: "c", accuracy: 0.976, bytes: 2000 },
      { id: "d", accuracy: 0.956, bytes: 22000 }, // dominated by b and c
      { id: "e", accuracy: 0.97, bytes: 2000 }, // same size as c, less accurate
      { id: "f", accuracy: 0.967, bytes: 6300 }, // dominated by c
      { id: "g", accuracy: 0.11, bytes: 150 },
    ]);
    expect(front.map((e) => e.id)).toEqual(["g", "a", "c", "b"]);
  });

  it("keeps identical points and drops a point matched by a smaller model", () => {
    const front = paretoFront([
      { id: "x", accuracy: 0.9, bytes: 1000 },
      { id: "y", accuracy: 0.9, bytes: 1000 },
      { id: "z", accuracy: 0.9, bytes: 1200 },
    ]);
    expect(front.map((e) => e.id).sort()).toEqual(["x", "y"]);
    expect(paretoFront([])).toEqual([]);
  });
});

describe("codingRoundPoints", () => {
  const ranked = (aboveFloor: boolean[]) =>
    rankSubmissions(
      aboveFloor.map((above, i) => entry(`p${i}`, above ? 0.99 - i * 0.001 : 0.5, 1000)),
      0.9,
    );

  it("gives 1000 down to 500 linearly above the floor and 250 below", () => {
    const points = codingRoundPoints(ranked([true, true, true, false, false]), 8);
    expect(Object.fromEntries(points)).toEqual({ p0: 1000, p1: 750, p2: 500, p3: 250, p4: 250 });
  });

  it("rounds to whole points and gives a lone model 1000", () => {
    expect([...codingRoundPoints(ranked([true, true, true, true]), 4).values()]).toEqual([
      1000, 833, 667, 500,
    ]);
    expect([...codingRoundPoints(ranked([true]), 1).values()]).toEqual([1000]);
    expect([...codingRoundPoints(ranked([false, false]), 2).values()]).toEqual([250, 250]);
  });

  it("leaves players without a submission to the caller", () => {
    const points = codingRoundPoints(ranked([true, false]), 2000);
    expect(points.size).toBe(2);
    expect(points.get("absent")).toBeUndefined();
  });
});

describe("shrinkTargetMet", () => {
  const baseline = { baselineAccuracy: 0.97, baselineBytes: 22000, maxAccuracyDrop: 0.01 };

  it("is met within the allowed drop and reports the size ratio", () => {
    const result = shrinkTargetMet({ ...baseline, accuracy: 0.96, bytes: 6300 });
    expect(result.met).toBe(true); // 0.97 - 0.96 is 0.010000000000000009 in floating point
    expect(result.sizeRatio).toBeCloseTo(6300 / 22000, 12);
    expect(result.accuracyDrop).toBeCloseTo(0.01, 12);
  });

  it("is not met beyond the drop, however small the model", () => {
    expect(shrinkTargetMet({ ...baseline, accuracy: 0.9599, bytes: 100 }).met).toBe(false);
  });

  it("is met by a model more accurate than the baseline, at half its size", () => {
    const result = shrinkTargetMet({ ...baseline, accuracy: 0.98, bytes: 11000 });
    expect(result).toMatchObject({ met: true, sizeRatio: 0.5 });
  });

  it("is not met by the unchanged baseline, nor by anything over half its size", () => {
    const unchanged = { ...baseline, accuracy: 0.97, bytes: 22000 };
    expect(shrinkTargetMet(unchanged)).toMatchObject({ met: false, sizeRatio: 1 });
    expect(shrinkTargetMet({ ...baseline, accuracy: 0.99, bytes: 11001 }).met).toBe(false);
    expect(shrinkMaxBytes(379_000)).toBe(189_500);
  });
});

describe("a size cap (the shrink round)", () => {
  // The unchanged 379 KB baseline, a half-size model at the baseline's accuracy, a tiny model
  // that lost too much accuracy.
  const target = { accuracyFloor: 0.96, maxBytes: shrinkMaxBytes(379_000) };
  const models = [
    entry("baseline", 0.97, 379_000),
    entry("half", 0.97, 189_500),
    entry("tiny-bad", 0.9, 10_000),
  ];

  it("marks an over-cap model too large, not correct, and ranks it after every other model", () => {
    const ranked = rankSubmissions(models, target);
    expect(ranked.map((r) => [r.id, r.rank, r.aboveFloor, r.tooLarge])).toEqual([
      ["half", 1, true, false],
      ["tiny-bad", 2, false, false],
      ["baseline", 3, false, true],
    ]);
  });

  it("pays an over-cap model nothing, a below-floor one 250", () => {
    const points = codingRoundPoints(rankSubmissions(models, target));
    expect(Object.fromEntries(points)).toEqual({ half: 1000, "tiny-bad": 250, baseline: 0 });
  });

  it("a bare floor means no cap", () => {
    expect(rankSubmissions([models[0]!], 0.96)[0]).toMatchObject({
      aboveFloor: true,
      tooLarge: false,
    });
  });
});
