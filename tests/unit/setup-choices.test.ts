import { describe, expect, it } from "vitest";
import { RoomSelectionSchema } from "@/lib/contract/schemas";
import {
  SetupChoicesSchema,
  matchingQuestions,
  plannedCount,
  restoreChoices,
  setIdFromLink,
  toRoomSelection,
  type ListedQuestion,
} from "@/lib/question-sets/setup-choices";

const q = (
  id: string,
  setId: string,
  topic: string,
  type: "single" | "truefalse",
  difficulty: 1 | 2 | 3,
): ListedQuestion => ({ id, setId, question: { type, topic, difficulty, prompt: { en: id } } });

const LISTED = [
  q("a1", "setA", "graphs", "single", 1),
  q("a2", "setA", "trees", "single", 1),
  q("b1", "setB", "graphs", "truefalse", 2),
  q("b2", "setB", "graphs", "single", 1),
];
const choices = (patch: Partial<ReturnType<typeof restoreChoices>>) => ({
  ...SetupChoicesSchema.parse({}),
  ...patch,
});

describe("host setup choices", () => {
  it("matches across the chosen sets in the host's set order, filtered", () => {
    const c = choices({ setIds: ["setB", "setA"], topics: ["graphs"], types: ["single"] });
    expect(matchingQuestions(LISTED, c).map((x) => x.id)).toEqual(["b2", "a1"]);
    expect(matchingQuestions(LISTED, choices({ setIds: ["setA"], difficulties: [2] }))).toEqual([]);
  });

  it("turns each pick mode into a selection the server's schema accepts", () => {
    const base = { setIds: ["setA", "setB"], topics: ["graphs"] };
    const matching = matchingQuestions(LISTED, choices(base));
    const first = toRoomSelection(choices({ ...base, mode: "first", count: 2 }), matching);
    expect(first.pick).toEqual({ mode: "exact", questionIds: ["a1", "b1"] });
    const random = toRoomSelection(
      choices({ ...base, mode: "random", count: 2, shuffleOptions: true, timeLimitOverride: 30 }),
      matching,
    );
    expect(random).toMatchObject({ pick: { mode: "random", count: 2 }, timeLimitSec: 30 });
    // Picks keep the ticking order; one that no longer matches the filters is dropped.
    const exact = toRoomSelection(
      choices({ ...base, mode: "exact", picked: ["b2", "a2", "a1"] }),
      matching,
    );
    expect(exact.pick).toEqual({ mode: "exact", questionIds: ["b2", "a1"] });
    expect(plannedCount(choices({ ...base, mode: "exact", picked: ["b2", "a2"] }), matching)).toBe(
      1,
    );
    for (const selection of [first, random, exact])
      expect(RoomSelectionSchema.safeParse(selection).success).toBe(true);
  });

  it("restores stored choices, and falls back to defaults on anything unreadable", () => {
    const stored = choices({ setIds: ["setA"], mode: "random", count: 4 });
    expect(restoreChoices(JSON.stringify(stored))).toEqual(stored);
    expect(restoreChoices("{not json")).toEqual(SetupChoicesSchema.parse({}));
    expect(restoreChoices(JSON.stringify({ mode: "everything" }))).toEqual(
      SetupChoicesSchema.parse({}),
    );
    expect(restoreChoices(null).mode).toBe("first");
  });

  it("reads a set id from a pasted link or the id itself, never from the host name", () => {
    const id = "cmixk2h3o0000abcdefgh1234";
    expect(setIdFromLink(id)).toBe(id);
    expect(setIdFromLink(` https://kilobytearenaxyz.example/sets/${id} `)).toBe(id);
    expect(setIdFromLink(`http://localhost:3000/api/sets/${id}/export?format=csv`)).toBe(id);
    expect(setIdFromLink(`https://kilobytearenaxyz/host?set=${id}`)).toBe(id);
    expect(setIdFromLink("https://kilobytearenaxyz.example/sets/")).toBeNull();
    expect(setIdFromLink("not an id")).toBeNull();
  });
});
