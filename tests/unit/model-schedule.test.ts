import { describe, expect, it } from "vitest";
import { learningRateAt, schedulePhase } from "@/lib/model/schedule";

describe("learning-rate schedules", () => {
  it("keeps a constant rate constant", () => {
    for (const step of [0, 10, 99])
      expect(learningRateAt("constant", 0.005, step, 100)).toBe(0.005);
    expect(schedulePhase("constant", 99, 100)).toBe(0);
  });

  it("steps down at half way and at seven eighths: 8 epochs become 4 + 3 + 1", () => {
    const stepsPerEpoch = 10;
    const steps = 8 * stepsPerEpoch;
    const rates = Array.from({ length: steps }, (_, s) => learningRateAt("step", 0.005, s, steps));
    const perEpoch = Array.from({ length: 8 }, (_, e) => rates[e * stepsPerEpoch]);
    expect(perEpoch).toEqual([0.005, 0.005, 0.005, 0.005, 0.002, 0.002, 0.002, 0.0005]);
    // Within an epoch the rate does not change when the boundaries fall on epoch ends.
    for (let e = 0; e < 8; e++) {
      const epoch = rates.slice(e * stepsPerEpoch, (e + 1) * stepsPerEpoch);
      expect(new Set(epoch).size).toBe(1);
    }
  });

  it("steps down within a single epoch too, and never raises the rate", () => {
    const steps = 16; // one epoch of 16 batches: 8 at the rate, 6 at 0.4x, the last 2 at 0.1x
    const rates = Array.from({ length: steps }, (_, s) => learningRateAt("step", 0.01, s, steps));
    expect(rates.slice(0, 8)).toEqual(Array(8).fill(0.01));
    for (const r of rates.slice(8, 14)) expect(r).toBeCloseTo(0.004, 12);
    for (const r of rates.slice(14)) expect(r).toBeCloseTo(0.001, 12);
    for (let s = 1; s < steps; s++) expect(rates[s]).toBeLessThanOrEqual(rates[s - 1]!);
    expect(schedulePhase("step", 0, 0)).toBe(0);
  });
});
