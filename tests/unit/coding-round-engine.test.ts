import { describe, expect, it } from "vitest";
import { findPlayer } from "@/lib/game/room-state";
import { codingRound, CodingRoundSettingsSchema } from "@/lib/coding/round";
import type { RoomSettings } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type { CodingBaseline, Effect, EngineEvent, PersistOp, RoomState } from "@/lib/game/types";
import { playerViews, roomView } from "@/lib/game/views";
import { deepFreeze } from "../support/deep-freeze";

// ---- A coding round on a fake clock made of plain numbers ----

const T0 = 1_700_000_000_000;
const START = T0 + 10_000;
const SETTINGS: RoomSettings = {
  scoring: "speed",
  streakBonus: true,
  defaultTimeLimitSec: 20,
  maxPlayers: 500,
};

function apply(state: RoomState, event: EngineEvent, now: number) {
  const result = step(deepFreeze(state), event, now);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.error}`);
  return result;
}
const run = (state: RoomState, event: EngineEvent, now: number) => apply(state, event, now).state;

function codingRoom(
  ids: string[],
  settings: Record<string, unknown> = {},
  baseline: CodingBaseline | null = null,
  quizQuestions = 0,
): RoomState {
  const created = createRoomState({
    roomId: "room-1",
    code: "KB2345",
    hostUserId: "host",
    settings: SETTINGS,
    questions: Array.from({ length: quizQuestions }, (_, i) => ({
      id: `q${i}`,
      question: {
        id: `q${i}`,
        type: "truefalse" as const,
        topic: "code-mnist",
        difficulty: 1,
        prompt: { zh: "题", en: "Q" },
        explanation: { zh: "因", en: "Because" },
        correct: true,
      },
    })),
    codingRounds: [
      {
        afterQuestion: quizQuestions,
        round: codingRound(
          "coding-1",
          CodingRoundSettingsSchema.parse({ durationSec: 600, accuracyFloor: 0.9, ...settings }),
        ),
      },
    ],
    codingBaseline: baseline,
    now: T0,
    random: () => 0,
    hashSeed: [1, 2],
  });
  const joined = ids.reduce(
    (s, id, i) =>
      run(s, { type: "player:join", playerId: id, nickname: id, userId: null }, T0 + i + 1),
    created,
  );
  return run(joined, { type: "host:start" }, START);
}

const submit = (playerId: string, n = 1): EngineEvent => ({
  type: "coding:submit",
  playerId,
  questionIndex: 0,
  submission: {
    id: `${playerId}-${n}`,
    sha256: "0".repeat(64),
    sizeBytes: 3000,
    parameters: 1000,
    body: new Uint8Array([1]),
    summary: "Dense(10)",
  },
});
const verdict = (
  playerId: string,
  accuracy: { public: number; private: number },
  sizeBytes = 3000,
  n = 1,
): EngineEvent => ({
  type: "coding:evaluated",
  playerId,
  questionIndex: 0,
  submissionId: `${playerId}-${n}`,
  submittedAt: START + 1_000,
  result: {
    ok: true,
    publicAccuracy: accuracy.public,
    privateAccuracy: accuracy.private,
    sizeBytes,
  },
});
const persisted = <K extends PersistOp["kind"]>(effects: Effect[], kind: K) =>
  effects.flatMap((e) =>
    e.type === "persist" && e.op.kind === kind ? [e.op as Extract<PersistOp, { kind: K }>] : [],
  );

/**
 * The last verdict of a closing round records it and schedules the close right away (an event of
 * its own, so a failed close never loses the verdict); this carries out that timer too.
 */
function lastVerdict(state: RoomState, event: EngineEvent, now: number) {
  const recorded = apply(state, event, now);
  const timer = recorded.effects.find((e) => e.type === "schedule");
  expect(timer).toEqual({
    type: "schedule",
    key: "question",
    at: now,
    event: { type: "timer:question-ended", questionIndex: 0 },
  });
  expect(recorded.state.phase).toBe("question");
  return apply(recorded.state, (timer as Extract<Effect, { type: "schedule" }>).event, now);
}

/** Three players, each with one acknowledged submission still being scored. */
function threePending(): RoomState {
  let s = codingRoom(["ann", "bob", "cy"]);
  for (const id of ["ann", "bob", "cy"]) s = run(s, submit(id), START + 1_000);
  return s;
}

describe("closing a coding round with evaluations still running", () => {
  it("shows the pending count, ranks nobody yet, and waits past 30 s for every verdict", () => {
    const closing = apply(threePending(), { type: "host:next" }, START + 10_000);
    const s = closing.state;
    expect(s.phase).toBe("question");
    expect(s.codingDrain).toEqual({ startedAt: START + 10_000, endGame: false });
    // No cut-off timer: the old 30 s drain limit is gone; the deadline timer is cancelled.
    expect(closing.effects.filter((e) => e.type === "schedule")).toEqual([]);
    expect(closing.effects).toContainEqual({ type: "cancel", key: "question" });
    expect(persisted(closing.effects, "coding-round-closed")).toEqual([]);
    const view = roomView(s, START + 10_000);
    expect(view.coding).toMatchObject({ draining: true, pending: 3, entries: [] });
    expect(Object.values(s.coding).every((p) => p.result === null)).toBe(true);

    // Nothing new is accepted while the queue drains.
    const late = step(deepFreeze(s), submit("ann", 2), START + 10_001);
    expect(late).toEqual({ ok: false, error: "ANSWER_TOO_LATE" });
    // A stale timer or another host:next well past 30 s changes nothing.
    const stale = apply(s, { type: "timer:question-ended", questionIndex: 0 }, START + 45_000);
    expect(stale.state).toBe(s);
    expect(apply(s, { type: "host:next" }, START + 50_000).state).toBe(s);

    // The verdicts take a minute; each one updates the count, the last one ranks all three.
    let after = run(s, verdict("ann", { public: 0.95, private: 0.96 }), START + 70_000);
    after = run(after, verdict("bob", { public: 0.93, private: 0.94 }), START + 71_000);
    expect(roomView(after, START + 71_000).coding).toMatchObject({ draining: true, pending: 1 });
    const last = lastVerdict(after, verdict("cy", { public: 0.5, private: 0.5 }), START + 72_000);
    expect(last.state.phase).toBe("reveal");
    expect(last.state.codingDrain).toBeNull();
    const [closed] = persisted(last.effects, "coding-round-closed");
    expect(closed).toMatchObject({
      results: [
        { playerId: "ann", rank: 1, points: 1000, aboveFloor: true },
        { playerId: "bob", rank: 2, points: 500, aboveFloor: true },
        { playerId: "cy", rank: 3, points: 250, aboveFloor: false },
      ],
    });
    expect(findPlayer(last.state, "ann")?.score).toBe(1000);
    expect(findPlayer(last.state, "cy")?.score).toBe(250);
    // Each phone's verdict names the floor, never "correct".
    const outcomes = playerViews(last.state, START + 72_000).map((v) => [
      v.nickname,
      v.lastResult?.codingOutcome,
      v.lastResult?.answer,
    ]);
    expect(outcomes).toEqual([
      ["ann", "above-floor", null],
      ["bob", "above-floor", null],
      ["cy", "below-floor", null],
    ]);
  });

  it("counts a rejected verdict as done, so the close never waits for it forever", () => {
    let s = run(threePending(), { type: "host:next" }, START + 10_000);
    s = run(s, verdict("ann", { public: 0.95, private: 0.96 }), START + 20_000);
    s = run(s, verdict("bob", { public: 0.95, private: 0.95 }), START + 21_000);
    const last = lastVerdict(
      s,
      {
        type: "coding:evaluated",
        playerId: "cy",
        questionIndex: 0,
        submissionId: "cy-1",
        submittedAt: START + 1_000,
        result: { ok: false },
      },
      START + 90_000,
    );
    expect(last.state.phase).toBe("reveal");
    expect(persisted(last.effects, "coding-round-closed")[0]?.results).toHaveLength(2);
  });

  it("host:end while scoring ends the game once the last verdict is in, with its points", () => {
    const s = run(threePending(), { type: "host:next" }, START + 10_000);
    const ending = apply(s, { type: "host:end" }, START + 11_000);
    expect(ending.state).toMatchObject({ phase: "question", codingDrain: { endGame: true } });
    expect(persisted(ending.effects, "game-finished")).toEqual([]);

    let after = run(ending.state, verdict("ann", { public: 0.95, private: 0.96 }), START + 60_000);
    after = run(after, verdict("bob", { public: 0.93, private: 0.94 }), START + 61_000);
    const last = lastVerdict(after, verdict("cy", { public: 0.5, private: 0.5 }), START + 62_000);
    expect(last.state.phase).toBe("podium");
    expect(persisted(last.effects, "coding-round-closed")[0]?.results).toHaveLength(3);
    const [finished] = persisted(last.effects, "game-finished");
    expect(finished).toMatchObject({
      results: [
        { playerId: "ann", rank: 1, score: 1000 },
        { playerId: "bob", rank: 2, score: 500 },
        { playerId: "cy", rank: 3, score: 250 },
      ],
    });
  });

  it("host:end during an open round with nothing pending ranks it before the podium", () => {
    let s = codingRoom(["ann", "bob"]);
    s = run(s, submit("ann"), START + 1_000);
    s = run(s, verdict("ann", { public: 0.95, private: 0.96 }), START + 2_000);
    const ended = apply(s, { type: "host:end" }, START + 3_000);
    expect(ended.state.phase).toBe("podium");
    expect(persisted(ended.effects, "coding-round-closed")[0]?.results).toEqual([
      { playerId: "ann", submissionId: "ann-1", rank: 1, points: 1000, aboveFloor: true },
    ]);
    expect(findPlayer(ended.state, "ann")?.score).toBe(1000);
  });

  it("host:end during an open round with verdicts pending starts the drain instead", () => {
    const ended = apply(threePending(), { type: "host:end" }, START + 3_000);
    expect(ended.state).toMatchObject({
      phase: "question",
      codingDrain: { startedAt: START + 3_000, endGame: true },
    });
    expect(roomView(ended.state, START + 3_000).coding).toMatchObject({
      draining: true,
      pending: 3,
    });
  });

  it("keeps a verdict when the close after it fails: the host's next retries the close", () => {
    const s = run(threePending(), { type: "host:next" }, START + 10_000);
    let after = run(s, verdict("ann", { public: 0.95, private: 0.96 }), START + 20_000);
    after = run(after, verdict("bob", { public: 0.93, private: 0.94 }), START + 21_000);
    // The last verdict is committed on its own (its scheduled close is then lost, as if its
    // database write had failed): the round is not stuck waiting for it.
    const recorded = run(after, verdict("cy", { public: 0.5, private: 0.5 }), START + 22_000);
    expect(roomView(recorded, START + 22_000).coding).toMatchObject({ draining: true, pending: 0 });
    const retried = apply(recorded, { type: "host:next" }, START + 30_000);
    expect(retried.state.phase).toBe("reveal");
    expect(persisted(retried.effects, "coding-round-closed")[0]?.results).toHaveLength(3);
  });

  it("leaves kicked players out of the standings", () => {
    let s = codingRoom(["ann", "bob"]);
    s = run(s, submit("bob"), START + 1_000);
    s = run(s, verdict("bob", { public: 0.99, private: 0.99 }), START + 2_000);
    s = run(s, { type: "host:kick", playerId: "bob" }, START + 3_000);
    const closed = apply(s, { type: "host:next" }, START + 4_000);
    expect(persisted(closed.effects, "coding-round-closed")[0]?.results).toEqual([]);
  });
});

describe("no private figure before the round closes", () => {
  // Distinctive private accuracies: if any of them appears in a view, it leaked.
  const PRIVATE = [0.913_7, 0.927_3];
  const leaks = (value: unknown) => PRIVATE.some((p) => JSON.stringify(value).includes(String(p)));

  it("room and player views carry only public figures while the round runs and drains", () => {
    let s = codingRoom(["ann", "bob"]);
    s = run(s, submit("ann"), START + 1_000);
    s = run(s, submit("bob"), START + 1_000);
    s = run(s, verdict("ann", { public: 0.95, private: PRIVATE[0]! }), START + 2_000);
    expect(leaks(roomView(s, START + 2_000))).toBe(false);
    expect(leaks(playerViews(s, START + 2_000))).toBe(false);
    s = run(s, { type: "host:next" }, START + 3_000);
    expect(s.codingDrain).not.toBeNull();
    expect(leaks(roomView(s, START + 3_000))).toBe(false);
    expect(leaks(playerViews(s, START + 3_000))).toBe(false);
    s = lastVerdict(s, verdict("bob", { public: 0.95, private: PRIVATE[1]! }), START + 4_000).state;
    // Closed: now the standings are on the private split.
    expect(s.phase).toBe("reveal");
    expect(leaks(roomView(s, START + 4_000))).toBe(true);
  });
});

describe("shrink the baseline", () => {
  // The checked-in baseline: ~379 KB, 97% private, 96% public.
  const BASELINE: CodingBaseline = {
    publicAccuracy: 0.96,
    privateAccuracy: 0.97,
    sizeBytes: 379_000,
  };
  const shrinkRoom = () =>
    codingRoom(["ann", "bob"], { variant: "shrink", maxAccuracyDrop: 0.01 }, BASELINE);
  const accurate = { public: 0.96, private: 0.97 };

  it("does not count the unchanged baseline: not correct, ranked last, no points", () => {
    let s = shrinkRoom();
    s = run(s, submit("ann"), START + 1_000);
    s = run(s, submit("bob"), START + 1_000);
    s = run(s, verdict("ann", accurate, 379_000), START + 2_000);
    // During the round the board already says "too large".
    expect(roomView(s, START + 2_000).coding).toMatchObject({
      maxBytes: 189_500,
      entries: [{ nickname: "ann", aboveFloor: false, tooLarge: true }],
    });
    s = run(s, verdict("bob", accurate, 189_500), START + 2_500);
    const closed = apply(s, { type: "host:next" }, START + 3_000);
    expect(persisted(closed.effects, "coding-round-closed")[0]?.results).toEqual([
      { playerId: "bob", submissionId: "bob-1", rank: 1, points: 1000, aboveFloor: true },
      { playerId: "ann", submissionId: "ann-1", rank: 2, points: 0, aboveFloor: false },
    ]);
    expect(findPlayer(closed.state, "ann")).toMatchObject({ score: 0, correctCount: 0 });
    expect(findPlayer(closed.state, "bob")).toMatchObject({ score: 1000, correctCount: 1 });
    const board = roomView(closed.state, START + 3_000).coding;
    expect(board?.entries.map((e) => [e.nickname, e.tooLarge, e.aboveFloor])).toEqual([
      ["bob", false, true],
      ["ann", true, false],
    ]);
    expect(
      playerViews(closed.state, START + 3_000).map((v) => [
        v.nickname,
        v.lastResult?.codingOutcome,
      ]),
    ).toEqual([
      ["ann", "too-large"],
      ["bob", "above-floor"],
    ]);
  });

  it("a half-size model at the baseline's accuracy meets the task", () => {
    let s = shrinkRoom();
    s = run(s, submit("ann"), START + 1_000);
    s = run(s, verdict("ann", accurate, 189_500), START + 2_000);
    const closed = run(s, { type: "host:next" }, START + 3_000);
    expect(closed.coding.ann?.result).toMatchObject({
      aboveFloor: true,
      tooLarge: false,
      points: 1000,
    });
  });

  it("a player's representative model is one that meets the task, not a bigger, better one", () => {
    let s = shrinkRoom();
    s = run(s, submit("ann", 1), START + 1_000);
    s = run(s, submit("ann", 2), START + 1_000);
    s = run(s, verdict("ann", { public: 0.97, private: 0.98 }, 379_000, 1), START + 2_000);
    s = run(s, verdict("ann", accurate, 100_000, 2), START + 2_000);
    const closed = run(s, { type: "host:next" }, START + 3_000);
    expect(closed.coding.ann?.result).toMatchObject({ submissionId: "ann-2", aboveFloor: true });
  });
});
