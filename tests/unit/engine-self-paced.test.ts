import { describe, expect, it } from "vitest";
import { step } from "@/lib/game/engine";
import { findPlayer } from "@/lib/game/room-state";
import type { Effect } from "@/lib/game/types";
import { deepFreeze } from "../support/deep-freeze";
import { CLOSES, REVEAL, T0, soloRoom, stepOrThrow } from "../support/self-paced-room";

const LIMIT = 20_000;

const solo = () => soloRoom({ correct: [0, 1], ids: ["q1", "q2"] });
const run = stepOrThrow;

const schedules = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === "schedule" ? [{ key: e.key, at: e.at, event: e.event }] : []));

function started(now = T0 + 1_000) {
  const joined = run(
    solo(),
    { type: "player:join", playerId: "p1", nickname: "Ana", userId: "u1" },
    T0,
  );
  return run(joined.state, { type: "host:start" }, now);
}

describe("self-paced rooms", () => {
  it("schedules the question timer exactly as live, and the challenge deadline, at the start", () => {
    const start = started();
    expect(start.state.questionDeadline).toBe(T0 + 1_000 + LIMIT);
    expect(schedules(start.effects)).toEqual([
      {
        key: "question",
        at: T0 + 1_000 + LIMIT,
        event: { type: "timer:question-ended", questionIndex: 0 },
      },
      { key: "deadline", at: CLOSES, event: { type: "timer:deadline" } },
    ]);
  });

  it("refuses to start past the deadline and changes nothing", () => {
    const joined = run(
      solo(),
      { type: "player:join", playerId: "p1", nickname: "Ana", userId: null },
      T0,
    );
    const frozen = deepFreeze(joined.state);
    const before = JSON.stringify(frozen);
    expect(step(frozen, { type: "host:start" }, CLOSES)).toEqual({
      ok: false,
      error: "CHALLENGE_CLOSED",
    });
    expect(JSON.stringify(frozen)).toBe(before);
  });

  it("reveals on the answer, then opens the next question after the reveal, by itself", () => {
    const start = started(T0);
    const answered = run(
      start.state,
      {
        type: "player:answer",
        playerId: "p1",
        questionIndex: 0,
        answer: { type: "single", choice: 0 },
      },
      T0 + 2_000,
    );
    expect(answered.state.phase).toBe("reveal");
    expect(schedules(answered.effects).filter((s) => s.key === "auto-advance")).toEqual([
      {
        key: "auto-advance",
        at: T0 + 2_000 + REVEAL,
        event: { type: "timer:advance", questionIndex: 0 },
      },
    ]);
    const next = run(answered.state, { type: "timer:advance", questionIndex: 0 }, T0 + 6_000);
    expect(next.state.phase).toBe("question");
    expect(next.state.questionIndex).toBe(1);
    expect(next.state.questionDeadline).toBe(T0 + 6_000 + LIMIT);
  });

  it("refuses an answer after the question's time, and the timer reveals it with no points", () => {
    const start = started(T0);
    const late = step(
      deepFreeze(start.state),
      {
        type: "player:answer",
        playerId: "p1",
        questionIndex: 0,
        answer: { type: "single", choice: 0 },
      },
      T0 + LIMIT + 1,
    );
    expect(late).toEqual({ ok: false, error: "ANSWER_TOO_LATE" });
    const closed = run(start.state, { type: "timer:question-ended", questionIndex: 0 }, T0 + LIMIT);
    expect(closed.state.phase).toBe("reveal");
    expect(findPlayer(closed.state, "p1")?.score).toBe(0);
  });

  it("waits between questions while the player is away, and goes on when they return", () => {
    const start = started(T0);
    const away = run(
      start.state,
      { type: "player:connection", playerId: "p1", connected: false },
      T0 + 1_000,
    );
    // The open question keeps its clock while the player is away.
    const closed = run(away.state, { type: "timer:question-ended", questionIndex: 0 }, T0 + LIMIT);
    const waiting = run(
      closed.state,
      { type: "timer:advance", questionIndex: 0 },
      T0 + LIMIT + REVEAL,
    );
    expect(waiting.state.phase).toBe("leaderboard");
    const back = run(
      waiting.state,
      { type: "player:connection", playerId: "p1", connected: true },
      T0 + 60_000,
    );
    // The deadline is armed again too: a room rebuilt after its process was lost has no timers.
    expect(schedules(back.effects)).toEqual([
      { key: "deadline", at: CLOSES, event: { type: "timer:deadline" } },
      {
        key: "auto-advance",
        at: T0 + 60_000 + REVEAL,
        event: { type: "timer:advance", questionIndex: 0 },
      },
    ]);
    const next = run(back.state, { type: "timer:advance", questionIndex: 0 }, T0 + 64_000);
    expect(next.state.questionIndex).toBe(1);
    expect(next.state.phase).toBe("question");
  });

  it("ends the game at the deadline, counting what was answered", () => {
    const start = started(T0);
    const answered = run(
      start.state,
      {
        type: "player:answer",
        playerId: "p1",
        questionIndex: 0,
        answer: { type: "single", choice: 0 },
      },
      T0 + 1_000,
    );
    const next = run(answered.state, { type: "timer:advance", questionIndex: 0 }, T0 + 5_000);
    const ended = run(next.state, { type: "timer:deadline" }, CLOSES);
    expect(ended.state.phase).toBe("podium");
    const finished = ended.effects.find(
      (e) => e.type === "persist" && e.op.kind === "game-finished",
    );
    expect(finished).toMatchObject({
      op: { results: [{ playerId: "p1", answeredCount: 1, correctCount: 1 }] },
    });
    // A late advance or deadline finds nothing left to do.
    expect(run(ended.state, { type: "timer:deadline" }, CLOSES + 1).effects).toEqual([]);
  });

  it("a live room ignores the self-paced timers", () => {
    const live = { ...solo() };
    delete live.selfPaced;
    expect(run(live, { type: "timer:deadline" }, T0).effects).toEqual([]);
    expect(run(live, { type: "timer:advance", questionIndex: -1 }, T0).effects).toEqual([]);
  });
});
