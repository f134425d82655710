import { describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type {
  AnswerVerdict,
  BatchedAnswer,
  Effect,
  EngineEvent,
  RoomState,
  StepResult,
} from "@/lib/game/types";
import { findAnswer, findPlayer } from "@/lib/game/room-state";
import type { Answer } from "@/lib/questions/schema";
import { deepFreeze } from "../support/deep-freeze";
import { singleChoice } from "../support/questions";

/**
 * player:answers applies a burst in one step. It must say, answer by answer, exactly what
 * stepping them one at a time would say, and a refused answer must change nothing.
 */

const SINGLE = singleChoice({ options: 2, correct: 1, timeLimitSec: 20 });
const T0 = 1_000_000;
const RIGHT: Answer = { type: "single", choice: 1 };
const WRONG: Answer = { type: "single", choice: 0 };

function ok(result: StepResult) {
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** Players joined, the kicked one kicked, question 0 open at T0. */
function inQuestion(ids: string[], kicked: string[] = []): RoomState {
  let s = createRoomState({
    roomId: "r1",
    code: "ABCDEF",
    hostUserId: "h1",
    settings: RoomSettingsSchema.parse({}),
    questions: [
      { id: "a", question: SINGLE },
      { id: "b", question: SINGLE },
    ],
    now: 0,
    random: () => 0.5,
    hashSeed: [1, 2],
  });
  for (const id of [...ids, ...kicked]) {
    s = ok(step(s, { type: "player:join", playerId: id, nickname: id, userId: null }, 1)).state;
  }
  for (const id of kicked) s = ok(step(s, { type: "host:kick", playerId: id }, 2)).state;
  return ok(step(s, { type: "host:start" }, T0)).state;
}

const a = (playerId: string, answer: Answer, at: number, questionIndex = 0): BatchedAnswer => ({
  playerId,
  questionIndex,
  answer,
  receivedAt: at,
});

/** The same answers stepped one by one, as the runtime did before the batch event. */
function oneByOne(state: RoomState, answers: BatchedAnswer[]) {
  let current = state;
  const effects: Effect[] = [];
  const verdicts: AnswerVerdict[] = answers.map(({ receivedAt, ...rest }) => {
    const event: EngineEvent = { type: "player:answer", ...rest };
    const result = step(current, event, receivedAt);
    if (!result.ok) return { ok: false, error: result.error };
    current = result.state;
    effects.push(...result.effects);
    return { ok: true };
  });
  return { state: current, effects, verdicts };
}

function batch(state: RoomState, answers: BatchedAnswer[]) {
  const before = JSON.stringify(state);
  const result = ok(step(deepFreeze(state), { type: "player:answers", answers }, T0 + 99_999));
  expect(JSON.stringify(state)).toBe(before);
  return result;
}

describe("player:answers (a burst in one step)", () => {
  it("counts the valid answers and refuses each invalid one with its own code", () => {
    const s = inQuestion(["ann", "bob", "cy", "dee"], ["kim"]);
    const answers = [
      a("ann", RIGHT, T0 + 1_000),
      a("ann", WRONG, T0 + 1_100), // second answer from ann
      a("ghost", RIGHT, T0 + 1_200), // never joined
      a("kim", RIGHT, T0 + 1_300), // kicked
      a("bob", { type: "truefalse", value: true }, T0 + 1_400), // wrong answer type
      a("bob", { type: "single", choice: 7 }, T0 + 1_450), // no such option
      a("cy", RIGHT, T0 + 1_500, 1), // not the current question
      a("dee", RIGHT, T0 + 20_001), // after the deadline
      a("bob", WRONG, T0 + 2_000),
    ];
    const result = batch(s, answers);
    expect(result.verdicts).toEqual([
      { ok: true },
      { ok: false, error: "ALREADY_ANSWERED" },
      { ok: false, error: "PLAYER_NOT_FOUND" },
      { ok: false, error: "KICKED" },
      { ok: false, error: "ANSWER_TYPE_MISMATCH" },
      { ok: false, error: "INVALID_PAYLOAD" },
      { ok: false, error: "QUESTION_NOT_CURRENT" },
      { ok: false, error: "ANSWER_TOO_LATE" },
      { ok: true },
    ]);
    expect(result.state.answers.size).toBe(2);
    expect(findAnswer(result.state, "ann")?.correctness).toBe(1);
    // Each answer is timed by its own arrival, not by the batch.
    expect(findAnswer(result.state, "ann")?.elapsedMs).toBe(1_000);
    expect(findAnswer(result.state, "bob")).toMatchObject({ correctness: 0, elapsedMs: 2_000 });
    expect(result.state.phase).toBe("question");
    expect(result.effects.filter((e) => e.type === "persist")).toHaveLength(2);
    expect(result.effects.filter((e) => e.type === "schedule")).toHaveLength(1);
    expect(result).toEqual({ ok: true, ...oneByOne(s, answers) });
  });

  it("closes the question on the last connected player's answer; a re-send is already in", () => {
    const s = inQuestion(["ann", "bob"]);
    const answers = [
      a("ann", RIGHT, T0 + 500),
      a("bob", RIGHT, T0 + 600),
      a("ann", WRONG, T0 + 700),
    ];
    const result = batch(s, answers);
    expect(result.verdicts).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, error: "ALREADY_ANSWERED" },
    ]);
    expect(result.state.phase).toBe("reveal");
    expect(findPlayer(result.state, "ann")?.score).toBeGreaterThan(0);
    expect(result).toEqual({ ok: true, ...oneByOne(s, answers) });
  });

  it("tells a player who re-sends after the time is up that their answer is in", () => {
    const s = inQuestion(["ann", "bob", "cy"]);
    const answered = batch(s, [a("ann", RIGHT, T0 + 500)]).state;
    // Past the deadline, question still open (its timer not fired yet): ann answered, bob did not.
    const late = batch(answered, [a("ann", WRONG, T0 + 20_001), a("bob", RIGHT, T0 + 20_002)]);
    expect(late.verdicts).toEqual([
      { ok: false, error: "ALREADY_ANSWERED" },
      { ok: false, error: "ANSWER_TOO_LATE" },
    ]);
    expect(late.state).toBe(answered);
    // After the reveal, the same: the answers of the question shown are still there.
    const revealed = ok(
      step(answered, { type: "timer:question-ended", questionIndex: 0 }, T0 + 20_005),
    );
    expect(revealed.state.phase).toBe("reveal");
    const after = batch(revealed.state, [
      a("ann", RIGHT, T0 + 21_000),
      a("bob", RIGHT, T0 + 21_000),
    ]);
    expect(after.verdicts).toEqual([
      { ok: false, error: "ALREADY_ANSWERED" },
      { ok: false, error: "ANSWER_TOO_LATE" },
    ]);
    expect(after.state).toBe(revealed.state);
    expect(late).toEqual({
      ok: true,
      ...oneByOne(answered, [a("ann", WRONG, T0 + 20_001), a("bob", RIGHT, T0 + 20_002)]),
    });
  });

  it("changes nothing when every answer is refused", () => {
    const s = inQuestion(["ann"]);
    const result = batch(s, [a("ghost", RIGHT, T0 + 1), a("ann", RIGHT, T0 + 1, 1)]);
    expect(result.state).toBe(s);
    expect(result.effects).toEqual([]);
    expect(result.verdicts?.map((v) => v.ok)).toEqual([false, false]);
  });

  it("matches one-by-one stepping on random bursts", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ids = Array.from({ length: 30 }, (_, i) => `p${i}`);
    for (let round = 0; round < 20; round++) {
      const s = inQuestion(ids);
      const answers = Array.from({ length: 40 }, () =>
        a(
          random() < 0.05 ? "ghost" : ids[Math.floor(random() * ids.length)]!,
          random() < 0.5 ? RIGHT : WRONG,
          T0 + Math.floor(random() * 22_000),
          random() < 0.05 ? 1 : 0,
        ),
      ).sort((x, y) => x.receivedAt - y.receivedAt);
      expect(batch(s, answers)).toEqual({ ok: true, ...oneByOne(s, answers) });
    }
  });
});
