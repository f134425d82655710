import { describe, expect, it } from "vitest";
import {
  codingRoundErrors,
  codingRoundValues,
  newCodingRound,
  parseCodingRounds,
} from "@/app/components/coding-round-fields";
import { CreateChallengeSchema } from "@/lib/contract/challenges";

/**
 * The set-up form's coding-round drafts against the challenges API's own schema: what the form
 * sends, and how the paths the API refuses land back on the draft fields they came from.
 */
const body = (codingRounds: unknown) => ({
  title: "Drafts",
  selection: { setIds: ["abcdefghij"] },
  codingRounds,
  opensAt: "2026-12-07T10:00:00Z",
  deadline: "2026-12-08T10:00:00Z",
});

/** The draft fields the API refuses for these drafts, through the form's mapping. */
function refused(drafts: ReturnType<typeof newCodingRound>[]) {
  const parsed = CreateChallengeSchema.safeParse(body(codingRoundValues(drafts)));
  if (parsed.success) return [];
  return [...codingRoundErrors(parsed.error.issues.map((i) => i.path.join(".")))].sort();
}

describe("coding-round drafts", () => {
  it("sends a default round the API accepts, minutes as seconds and percents as fractions", () => {
    const draft = { ...newCodingRound(3), durationMin: "10", floorPercent: "50" };
    expect(codingRoundValues([draft])).toEqual([
      {
        afterQuestion: 3,
        variant: "scratch",
        durationSec: 600,
        accuracyFloor: 0.5,
        maxAccuracyDrop: 0.01,
        maxSubmissions: 10,
        trainingBudget: 60000,
      },
    ]);
    expect(CreateChallengeSchema.safeParse(body(codingRoundValues([draft]))).success).toBe(true);
    expect(refused([draft])).toEqual([]);
  });

  it("lands each refused wire field on its own draft field, in its own round", () => {
    const good = newCodingRound(1);
    const bad = {
      ...newCodingRound(1),
      durationMin: "0",
      floorPercent: "150",
      maxSubmissions: "",
      trainingBudget: "abc",
    };
    expect(refused([good, bad])).toEqual([
      "1.durationMin",
      "1.floorPercent",
      "1.maxSubmissions",
      "1.trainingBudget",
    ]);
    expect(refused([{ ...good, maxDropPoints: "30", afterQuestion: "201" }])).toEqual([
      "0.afterQuestion",
      "0.maxDropPoints",
    ]);
    expect(parseCodingRounds([good, bad])).toBeNull();
  });

  it("ignores paths that name no draft field", () => {
    expect([
      ...codingRoundErrors([
        "title",
        "codingRounds",
        "codingRounds.x.durationSec",
        "codingRounds.0.variant",
        "selection.setIds.0",
      ]),
    ]).toEqual([]);
    expect([...codingRoundErrors(["rounds.2.maxSubmissions"], "rounds")]).toEqual([
      "2.maxSubmissions",
    ]);
  });
});
