import { describe, expect, it } from "vitest";
import { codingRound, CodingRoundSettingsSchema } from "@/lib/coding/round";
import type { ErrorCode } from "@/lib/contract/errors";
import { step } from "@/lib/game/engine";
import { findPlayer } from "@/lib/game/room-state";
import { roomView } from "@/lib/game/views";
import type { Effect, EngineEvent, PersistOp, RoomState } from "@/lib/game/types";
import { deepFreeze } from "../support/deep-freeze";
import { CLOSES, REVEAL, T0, soloRoom, stepOrThrow } from "../support/self-paced-room";

/**
 * A self-paced attempt's player closes its coding round early ("I'm done"): the very close the
 * round's clock would make (the drain for pending verdicts, the private ranking, the points), then
 * the room moves on by itself. Refused in a live room, outside a coding round and twice, each
 * refusal changing nothing.
 */

/** The coding round opens here (after the first quiz question's reveal). */
const OPEN = T0 + 10_000;

const room = (selfPaced: boolean) =>
  soloRoom({
    correct: [0, 0],
    ids: ["q0", "q2"],
    codingRounds: [
      {
        afterQuestion: 1,
        round: codingRound(
          "coding-1",
          CodingRoundSettingsSchema.parse({ durationSec: 600, accuracyFloor: 0.9 }),
        ),
      },
    ],
    random: 0,
    selfPaced,
  });
const run = stepOrThrow;

/** Joined, the first quiz question answered; `at` the coding round (index 1) is open. */
function inCodingRound(selfPaced = true): RoomState {
  let s = run(
    room(selfPaced),
    { type: "player:join", playerId: "p1", nickname: "Ana", userId: null },
    T0,
  ).state;
  s = run(s, { type: "host:start" }, T0 + 1_000).state;
  const answer = { type: "single" as const, choice: 0 };
  s = run(s, { type: "player:answer", playerId: "p1", questionIndex: 0, answer }, T0 + 2_000).state;
  s = selfPaced
    ? run(s, { type: "timer:advance", questionIndex: 0 }, OPEN).state
    : run(run(s, { type: "host:next" }, OPEN - 1).state, { type: "host:next" }, OPEN).state;
  expect(s.phase).toBe("question");
  expect(s.questions[s.questionIndex]?.question.type).toBe("coding");
  return s;
}

const close = (questionIndex = 1, playerId = "p1"): EngineEvent => ({
  type: "player:close-round",
  playerId,
  questionIndex,
});
const submit: EngineEvent = {
  type: "coding:submit",
  playerId: "p1",
  questionIndex: 1,
  submission: {
    id: "s1",
    sha256: "0".repeat(64),
    sizeBytes: 3000,
    parameters: 1000,
    body: new Uint8Array([1]),
    summary: "Dense(10)",
  },
};
const verdict: EngineEvent = {
  type: "coding:evaluated",
  playerId: "p1",
  questionIndex: 1,
  submissionId: "s1",
  submittedAt: OPEN + 5_000,
  result: { ok: true, publicAccuracy: 0.95, privateAccuracy: 0.96, sizeBytes: 3000 },
};
const persisted = <K extends PersistOp["kind"]>(effects: Effect[], kind: K) =>
  effects.flatMap((e) =>
    e.type === "persist" && e.op.kind === kind ? [e.op as Extract<PersistOp, { kind: K }>] : [],
  );

/** The refusal, and proof that it changed nothing: the frozen input is byte-identical after. */
function expectRefused(state: RoomState, event: EngineEvent, now: number, error: ErrorCode) {
  const frozen = deepFreeze(state);
  const before = JSON.stringify(frozen);
  expect(step(frozen, event, now)).toEqual({ ok: false, error });
  expect(JSON.stringify(frozen)).toBe(before);
}

describe("closing a self-paced coding round early", () => {
  it("closes exactly as the round's clock would, ranks the model, then moves on by itself", () => {
    const scored = run(
      run(inCodingRound(), submit, OPEN + 5_000).state,
      verdict,
      OPEN + 9_000,
    ).state;
    const at = OPEN + 30_000;
    const early = run(scored, close(), at);
    // The same state and effects as the round's timer firing at that moment: one close path.
    expect(early).toEqual(run(scored, { type: "timer:question-ended", questionIndex: 1 }, at));
    expect(early.state.phase).toBe("reveal");
    const [closed] = persisted(early.effects, "coding-round-closed");
    expect(closed).toEqual({
      kind: "coding-round-closed",
      questionIndex: 1,
      results: [{ playerId: "p1", submissionId: "s1", rank: 1, points: 1000, aboveFloor: true }],
    });
    const quizScore = findPlayer(scored, "p1")!.score;
    expect(findPlayer(early.state, "p1")?.score).toBe(quizScore + 1000);
    expect(roomView(early.state, at).coding).toMatchObject({ split: "private", draining: false });
    // The reveal stays up for its time, then the next question opens with nobody hosting.
    expect(early.effects).toContainEqual({
      type: "schedule",
      key: "auto-advance",
      at: at + REVEAL,
      event: { type: "timer:advance", questionIndex: 1 },
    });
    const next = run(early.state, { type: "timer:advance", questionIndex: 1 }, at + REVEAL);
    expect(next.state).toMatchObject({ phase: "question", questionIndex: 2 });
    // Sent again, the close is refused: the round is over.
    expectRefused(early.state, close(), at + 1, "ROUND_CLOSED");
  });

  it("waits for the player's pending verdict, then ranks on the private split", () => {
    const pending = run(inCodingRound(), submit, OPEN + 5_000).state;
    const at = OPEN + 6_000;
    const draining = run(pending, close(), at);
    expect(draining).toEqual(run(pending, { type: "timer:question-ended", questionIndex: 1 }, at));
    expect(draining.state).toMatchObject({
      phase: "question",
      codingDrain: { startedAt: at, endGame: false },
      questionDeadline: at,
    });
    expect(draining.effects).toEqual([{ type: "cancel", key: "question" }, { type: "publish" }]);
    expect(roomView(draining.state, at).coding).toMatchObject({ draining: true, pending: 1 });
    // A second close while it drains: refused, nothing changes.
    expectRefused(draining.state, close(), at + 1, "ROUND_CLOSED");

    // The verdict arrives: the close runs at once (the engine's own timer), ranked and advanced.
    const recorded = run(draining.state, verdict, at + 20_000);
    expect(recorded.effects).toContainEqual({
      type: "schedule",
      key: "question",
      at: at + 20_000,
      event: { type: "timer:question-ended", questionIndex: 1 },
    });
    const closed = run(
      recorded.state,
      { type: "timer:question-ended", questionIndex: 1 },
      at + 20_000,
    );
    expect(closed.state.phase).toBe("reveal");
    expect(persisted(closed.effects, "coding-round-closed")[0]?.results).toEqual([
      { playerId: "p1", submissionId: "s1", rank: 1, points: 1000, aboveFloor: true },
    ]);
    expect(closed.effects).toContainEqual({
      type: "schedule",
      key: "auto-advance",
      at: at + 20_000 + REVEAL,
      event: { type: "timer:advance", questionIndex: 1 },
    });
  });

  it("closes a round with nothing submitted: no points, and the attempt goes on", () => {
    const open = inCodingRound();
    const early = run(open, close(), OPEN + 1_000);
    expect(early.state.phase).toBe("reveal");
    expect(persisted(early.effects, "coding-round-closed")[0]?.results).toEqual([]);
    expect(findPlayer(early.state, "p1")?.score).toBe(findPlayer(open, "p1")?.score);
  });

  it("is refused in a live room: only its host closes a round", () => {
    const live = inCodingRound(false);
    expect(live.selfPaced).toBeUndefined();
    expectRefused(live, close(), OPEN + 1_000, "SELF_PACED_ONLY");
    expect(roomView(live, OPEN).selfPaced).toBeUndefined();
    expect(roomView(inCodingRound(), OPEN).selfPaced).toBe(true);
  });

  it("is refused outside a coding round, for another round, and for anyone else", () => {
    const open = inCodingRound();
    expectRefused(open, close(0), OPEN + 1_000, "QUESTION_NOT_CURRENT");
    expectRefused(open, close(2), OPEN + 1_000, "QUESTION_NOT_CURRENT");
    expectRefused(open, close(1, "stranger"), OPEN + 1_000, "PLAYER_NOT_FOUND");

    const lobby = run(
      room(true),
      { type: "player:join", playerId: "p1", nickname: "Ana", userId: null },
      T0,
    ).state;
    expectRefused(lobby, close(0), T0 + 1, "QUESTION_NOT_CURRENT");
    const quiz = run(lobby, { type: "host:start" }, T0 + 1_000).state;
    expectRefused(quiz, close(0), T0 + 2_000, "NOT_CODING_ROUND");

    const over = run(open, { type: "timer:deadline" }, CLOSES).state;
    expect(over.phase).toBe("podium");
    expectRefused(over, close(), CLOSES + 1, "GAME_OVER");
  });
});
