import { describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/contract/errors";
import type { RoomSettings } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { lobbyView, playerView, roomView } from "@/lib/game/views";
import type { Answer, Question } from "@/lib/questions/schema";
import { deepFreeze } from "../support/deep-freeze";

/** Issue 8 item 7: kick in every phase of a game, and a host may hide a nickname. */

const text = (en: string) => ({ zh: `${en}（中）`, en });
const SINGLE: Question = {
  topic: "training",
  difficulty: 2,
  prompt: text("Prompt"),
  explanation: text("Because"),
  id: "q-single",
  type: "single",
  options: [text("A"), text("B"), text("C")],
  correct: 1,
};
const SETTINGS: RoomSettings = {
  scoring: "accuracy",
  streakBonus: false,
  defaultTimeLimitSec: 20,
  maxPlayers: 500,
};
const T0 = 1_700_000_000_000;
const START = T0 + 10_000;
const RIGHT: Answer = { type: "single", choice: 1 };

function accept(state: RoomState, event: EngineEvent, now = START) {
  const result = step(deepFreeze(state), event, now);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.error}`);
  return result;
}
const run = (state: RoomState, event: EngineEvent, now = START) => accept(state, event, now).state;

function expectRefused(state: RoomState, event: EngineEvent, error: ErrorCode): void {
  const before = JSON.stringify(state);
  expect(step(deepFreeze(state), event, START)).toEqual({ ok: false, error });
  expect(JSON.stringify(state)).toBe(before);
}

function inQuestion(ids: string[], questions: Question[] = [SINGLE, SINGLE]): RoomState {
  const room = createRoomState({
    roomId: "room-1",
    code: "ABC234",
    hostUserId: "host-1",
    settings: SETTINGS,
    questions: questions.map((question, i) => ({ id: `db-${i}`, question })),
    now: T0,
    random: () => 0.5,
    hashSeed: [1, 2],
  });
  const joined = ids.reduce(
    (s, id, i) => run(s, { type: "player:join", playerId: id, nickname: id, userId: null }, T0 + i),
    room,
  );
  return run(joined, { type: "host:start" });
}
const answer = (playerId: string, questionIndex = 0): EngineEvent => ({
  type: "player:answer",
  playerId,
  questionIndex,
  answer: RIGHT,
});
const kick = (playerId: string): EngineEvent => ({ type: "host:kick", playerId });
const mute = (playerId: string, muted = true): EngineEvent => ({
  type: "host:mute",
  playerId,
  muted,
});

describe("host:kick during the game", () => {
  it("keeps the counts exact mid-question (connected, answered, offline)", () => {
    let s = inQuestion(["ann", "bob", "cy", "dee"]);
    s = run(s, answer("ann"), START + 1_000);
    s = run(s, answer("bob"), START + 1_100);
    s = run(s, { type: "player:connection", playerId: "dee", connected: false });
    // bob answered and is connected; dee is offline without an answer.
    s = run(s, kick("bob"), START + 2_000);
    expect(s.counts).toEqual({ players: 3, connected: 2, answeredConnected: 1 });
    s = run(s, kick("dee"), START + 2_100);
    expect(s.counts).toEqual({ players: 2, connected: 2, answeredConnected: 1 });
    expect(s.phase).toBe("question");
    expect(roomView(s, START + 2_200).progress).toMatchObject({
      answered: 1,
      connected: 2,
      offline: 0,
    });
  });

  it("closes a question that was waiting only for the kicked player", () => {
    let s = inQuestion(["ann", "bob", "cy"]);
    s = run(s, answer("ann"), START + 1_000);
    s = run(s, answer("cy"), START + 1_100);
    const kicked = accept(s, kick("bob"), START + 2_000);
    expect(kicked.state.phase).toBe("reveal");
    expect(kicked.effects).toContainEqual({ type: "cancel", key: "question" });
    // The reveal: every player's own result goes out with it.
    expect(kicked.effects).toContainEqual({ type: "publish", ownViews: "all" });
    expect(kicked.effects).toContainEqual({ type: "kick", playerId: "bob" });
    expect(roomView(kicked.state, START + 2_000).reveal?.answered).toBe(2);
  });

  it("takes the kicked player's score off the leaderboard and the final results", () => {
    let s = inQuestion(["ann", "bob"]);
    s = run(s, answer("ann"), START + 1_000);
    s = run(s, answer("bob"), START + 1_100); // closes: both answered
    expect(s.phase).toBe("reveal");
    s = run(s, { type: "host:next" }, START + 3_000); // leaderboard
    s = run(s, kick("bob"), START + 4_000);
    expect(roomView(s, START + 4_000).leaderboard.map((e) => e.playerId)).toEqual(["ann"]);
    const ended = accept(s, { type: "host:end" }, START + 5_000);
    expect(roomView(ended.state, START + 5_000).podium.map((e) => e.playerId)).toEqual(["ann"]);
    const finished = ended.effects.find(
      (e) => e.type === "persist" && e.op.kind === "game-finished",
    );
    expect(finished).toMatchObject({ op: { results: [{ playerId: "ann", score: 1000 }] } });
  });

  it("resends own views (ranks) only once scores are shown", () => {
    let s = inQuestion(["ann", "bob", "cy"]);
    const midQuestion = accept(s, kick("cy"), START + 500);
    expect(midQuestion.effects).toContainEqual({ type: "publish" });
    s = run(midQuestion.state, answer("ann"), START + 1_000);
    s = run(s, { type: "host:next" }, START + 2_000); // reveal
    s = run(s, { type: "host:next" }, START + 3_000); // leaderboard
    expect(playerView(s, "bob", START + 3_000)?.rank).toBe(2);
    // Bob moves up as Ann leaves: everyone's rank is resent with the room.
    const onBoard = accept(s, kick("ann"), START + 4_000);
    expect(onBoard.effects).toContainEqual({ type: "publish", ownViews: "all" });
    expect(playerView(onBoard.state, "bob", START + 4_000)?.rank).toBe(1);
  });

  it("is refused once the podium's results are written, and changes nothing", () => {
    const s = run(inQuestion(["ann", "bob"]), { type: "host:end" }, START + 1_000);
    expect(s.phase).toBe("podium");
    expectRefused(s, kick("bob"), "GAME_OVER");
  });
});

describe("host:mute", () => {
  it("hides the nickname in every view; the player keeps playing", () => {
    let s = inQuestion(["ann", "bob", "cy"]);
    s = run(s, answer("bob"), START + 1_000);
    const muted = accept(s, mute("bob"), START + 1_500);
    expect(muted.effects).toEqual([
      { type: "persist", op: { kind: "player-hidden", playerId: "bob", hiddenAs: 2 } },
      { type: "lobby" },
      // Bob's own view says why his name changed; nobody else's own view moved.
      { type: "publish", ownViews: ["bob"] },
    ]);
    s = muted.state;
    const shown = { nickname: "Player 2", hiddenAs: 2 };
    expect(lobbyView(s, START).players[1]).toMatchObject({ playerId: "bob", ...shown });
    expect(playerView(s, "bob", START)).toMatchObject({ playerId: "bob", ...shown });
    // Still playing: the next answers close the question, and bob's points count.
    s = run(s, answer("ann"), START + 2_000);
    s = run(s, answer("cy"), START + 2_100);
    expect(s.phase).toBe("reveal");
    const view = roomView(s, START + 3_000);
    expect(view.leaderboard.find((e) => e.playerId === "bob")).toMatchObject({
      ...shown,
      score: 1000,
    });
    // The real nickname appears nowhere in what is sent.
    const sent = JSON.stringify([view, lobbyView(s, START), playerView(s, "bob", START)]);
    expect(sent).not.toContain('"nickname":"bob"');
    const podium = roomView(run(s, { type: "host:end" }, START + 4_000), START + 4_000).podium;
    expect(podium.find((e) => e.playerId === "bob")).toMatchObject(shown);
  });

  it("shows the name again on unmute, and keeps hidden numbers unique", () => {
    let s = inQuestion(["ann", "bob", "cy"]);
    s = run(s, mute("cy"));
    s = run(s, kick("ann"));
    // With ann gone bob is first in join order (Player 1); cy keeps the 3 it was given.
    s = run(s, mute("bob"));
    const names = lobbyView(s, START).players.map((p) => p.nickname);
    expect(names).toEqual(["Player 1", "Player 3"]);
    s = run(s, mute("cy", false));
    expect(lobbyView(s, START).players.map((p) => p.nickname)).toEqual(["Player 1", "cy"]);
    expect(lobbyView(s, START).players[1]).not.toHaveProperty("hiddenAs");
    // Repeating the same request changes nothing and tells nobody.
    expect(accept(s, mute("cy", false)).effects).toEqual([]);
  });

  it("refuses unknown and kicked players, changing nothing", () => {
    const s = run(inQuestion(["ann", "bob"]), kick("bob"));
    expectRefused(s, mute("bob"), "KICKED");
    expectRefused(s, mute("nobody"), "PLAYER_NOT_FOUND");
  });
});
