import { describe, expect, it } from "vitest";
import { step } from "@/lib/game/engine";
import { findPlayer } from "@/lib/game/room-state";
import {
  attemptTotals,
  nextQuestion,
  resumeAttempt,
  type StoredAttempt,
} from "@/lib/game/self-paced-resume";
import type { AnswerRecord, Effect, EngineEvent } from "@/lib/game/types";
import { deepFreeze } from "../support/deep-freeze";
import { CLOSES, REVEAL, T0, soloRoom, stepOrThrow } from "../support/self-paced-room";

const LIMIT = 20_000;
const QUESTIONS = 5;

/** Five single-choice questions; the right answer of question i is option i % 2. */
const solo = () => soloRoom({ correct: Array.from({ length: QUESTIONS }, (_, i) => i % 2) });
const run = stepOrThrow;

const answer = (i: number): EngineEvent => ({
  type: "player:answer",
  playerId: "p1",
  questionIndex: i,
  answer: { type: "single", choice: i % 2 },
});

const shownNotes = (effects: Effect[]) =>
  effects.flatMap((e) =>
    e.type === "persist" && e.op.kind === "question-shown" ? [e.op.questionIndex] : [],
  );

/**
 * The live game: join, start, answer questions 0 and 1 right, then question 2 opens and stays
 * open (the room is lost there). Returns the live state and what Postgres would hold.
 */
function liveUntilQuestion3() {
  const persisted: AnswerRecord[] = [];
  const shown: number[] = [];
  const keep = (effects: Effect[]) => {
    for (const e of effects)
      if (e.type === "persist" && e.op.kind === "answer") persisted.push(e.op.record);
    shown.push(...shownNotes(effects));
  };
  let state = run(
    solo(),
    { type: "player:join", playerId: "p1", nickname: "Ana", userId: "u1" },
    T0,
  ).state;
  let now = T0 + 1_000;
  for (const [event, at] of [
    [{ type: "host:start" }, 0],
    [answer(0), 3_000],
    [{ type: "timer:advance", questionIndex: 0 }, REVEAL],
    [answer(1), 5_000],
    [{ type: "timer:advance", questionIndex: 1 }, REVEAL],
  ] as [EngineEvent, number][]) {
    now += at;
    const result = run(state, event, now);
    keep(result.effects);
    state = result.state;
  }
  expect(state.phase).toBe("question");
  expect(state.questionIndex).toBe(2);
  const stored: StoredAttempt = {
    player: { id: "p1", nickname: "Ana", userId: "u1", candidateId: null, joinedAt: T0 },
    started: true,
    questionsShown: Math.max(...shown) + 1,
    answers: persisted,
    codingResults: [],
  };
  return { state, stored, now };
}

describe("rebuilding a lost self-paced attempt", () => {
  it("notes each question as it opens, so Postgres knows how far the player has seen", () => {
    const { stored } = liveUntilQuestion3();
    expect(stored.questionsShown).toBe(3);
    expect(stored.answers.map((a) => a.questionIndex)).toEqual([0, 1]);
  });

  it("counts the question open at the loss as unanswered and goes on with the next one", () => {
    const { state: live, stored, now } = liveUntilQuestion3();
    // What the engine itself would have: question 3 (index 2) closing with no answer.
    const timedOut = run(live, { type: "timer:question-ended", questionIndex: 2 }, now + LIMIT);
    const engineSays = findPlayer(timedOut.state, "p1")!;

    const later = now + 120_000;
    const resumed = resumeAttempt(deepFreeze(solo()), deepFreeze(stored), later);
    expect(resumed.kind).toBe("waiting");
    if (resumed.kind !== "waiting") return;
    expect(resumed.next).toBe(3);
    const { state } = resumed;
    expect([state.phase, state.questionIndex, state.questionDeadline]).toEqual([
      "leaderboard",
      2,
      null,
    ]);
    const player = findPlayer(state, "p1")!;
    expect(player).toMatchObject({
      score: engineSays.score,
      streak: 0,
      correctCount: 2,
      answeredCount: 2,
      connected: false,
      nickname: "Ana",
      userId: "u1",
    });
    expect(engineSays.streak).toBe(0);
    expect(player.score).toBe(stored.answers.reduce((s, a) => s + a.points + a.streakBonus, 0));
    expect(state.counts).toEqual({ players: 1, connected: 0, answeredConnected: 0 });

    // The player's screen comes back: the deadline is armed, and after the pause question 4
    // opens with its full time (never question 3 again).
    const back = run(state, { type: "player:connection", playerId: "p1", connected: true }, later);
    expect(back.effects.filter((e) => e.type === "schedule").map((e) => e.key)).toEqual([
      "deadline",
      "auto-advance",
    ]);
    const opened = run(back.state, { type: "timer:advance", questionIndex: 2 }, later + REVEAL);
    expect(opened.state.questionIndex).toBe(3);
    expect(opened.state.questionDeadline).toBe(later + REVEAL + LIMIT);
    expect(shownNotes(opened.effects)).toEqual([3]);
    // A stale "question 3" answer is refused.
    expect(step(opened.state, answer(2), later + REVEAL + 1)).toEqual({
      ok: false,
      error: "QUESTION_NOT_CURRENT",
    });

    // Finishing: the total is the two stored answers plus the two new ones, and the streak
    // starts again from 0 after the question lost with the room.
    const third = run(opened.state, answer(3), later + REVEAL + 2_000);
    let s = run(
      third.state,
      { type: "timer:advance", questionIndex: 3 },
      later + 2 * REVEAL + 2_000,
    ).state;
    const fourth = run(s, answer(4), later + 2 * REVEAL + 4_000);
    s = run(
      fourth.state,
      { type: "timer:advance", questionIndex: 4 },
      later + 3 * REVEAL + 4_000,
    ).state;
    expect(s.phase).toBe("podium");
    const fresh = [third, fourth].flatMap((r) =>
      r.effects.flatMap((e) =>
        e.type === "persist" && e.op.kind === "answer" ? [e.op.record] : [],
      ),
    );
    expect(fresh.map((r) => r.streak)).toEqual([1, 2]);
    expect(findPlayer(s, "p1")).toMatchObject({
      correctCount: 4,
      answeredCount: 4,
      score: player.score + fresh.reduce((sum, r) => sum + r.points + r.streakBonus, 0),
    });
  });

  it("keeps the streak of a question answered just before the loss (lost during its reveal)", () => {
    const { stored } = liveUntilQuestion3();
    const duringReveal = { ...stored, questionsShown: 2 };
    const resumed = resumeAttempt(solo(), duringReveal, T0 + 60_000);
    expect(resumed.kind === "waiting" && resumed.next).toBe(2);
    const player = resumed.kind === "waiting" ? findPlayer(resumed.state, "p1") : undefined;
    expect(player?.streak).toBe(2);
  });

  it("never goes back before the last stored answer, even without a note", () => {
    const { stored } = liveUntilQuestion3();
    expect(nextQuestion({ ...stored, questionsShown: 0 })).toBe(2);
    expect(nextQuestion({ ...stored, questionsShown: 0, answers: [] })).toBe(1);
    expect(nextQuestion({ ...stored, started: false, questionsShown: 0, answers: [] })).toBe(0);
  });

  it("an attempt that never started waits in the lobby; the player's return starts it", () => {
    const { stored } = liveUntilQuestion3();
    const unstarted = { ...stored, started: false, questionsShown: 0, answers: [] };
    const resumed = resumeAttempt(solo(), unstarted, T0 + 60_000);
    expect(resumed.kind === "waiting" && [resumed.next, resumed.state.phase]).toEqual([0, "lobby"]);
    if (resumed.kind !== "waiting") return;
    const back = run(
      resumed.state,
      { type: "player:connection", playerId: "p1", connected: true },
      T0 + 61_000,
    );
    const first = run(back.state, { type: "host:start" }, T0 + 61_000);
    expect([first.state.phase, first.state.questionIndex]).toEqual(["question", 0]);
  });

  it("closes with the stored answers when nothing is left or the deadline has passed", () => {
    const { stored } = liveUntilQuestion3();
    const totals = attemptTotals(stored);
    expect(totals).toMatchObject({ correctCount: 2, answeredCount: 2 });
    for (const [shown, now] of [
      [QUESTIONS, T0 + 60_000],
      [3, CLOSES],
    ]) {
      const resumed = resumeAttempt(solo(), { ...stored, questionsShown: shown! }, now!);
      expect(resumed.kind).toBe("finished");
      if (resumed.kind !== "finished") continue;
      expect(resumed.state.phase).toBe("podium");
      expect(resumed.results).toEqual([{ playerId: "p1", nickname: "Ana", rank: 1, ...totals }]);
    }
  });

  it("adds a closed coding round's points as the engine does", () => {
    const { stored } = liveUntilQuestion3();
    const withCoding = {
      ...stored,
      codingResults: [{ questionIndex: 1, points: 700, aboveFloor: true }],
    };
    const base = attemptTotals(stored);
    expect(attemptTotals(withCoding)).toEqual({
      score: base.score + 700,
      correctCount: base.correctCount + 1,
      answeredCount: base.answeredCount + 1,
    });
  });

  it("refuses a base that is not an empty self-paced lobby, changing nothing", () => {
    const { stored, state: live } = liveUntilQuestion3();
    const plain = { ...solo() };
    delete plain.selfPaced;
    const frozen = deepFreeze(live);
    const before = JSON.stringify(frozen);
    expect(() => resumeAttempt(plain, stored, T0)).toThrow(/empty self-paced room/);
    expect(() => resumeAttempt(frozen, stored, T0)).toThrow(/empty self-paced room/);
    expect(JSON.stringify(frozen)).toBe(before);
  });
});
