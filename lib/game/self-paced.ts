import type { ErrorCode } from "../contract/errors";
import { currentQuestion, findPlayer, isCodingRound } from "./room-state";
import { finishGame, openQuestion, PUBLISH } from "./transitions";
import type { Effect, EngineEvent, RoomState, StepResult } from "./types";

/**
 * Self-paced rooms (a challenge attempt, lib/challenges): one player, no host. Nothing here
 * changes how a question is timed or scored: the same reducer opens and closes questions with the
 * same deadlines. What a host would do is done by timers instead: after each reveal the next
 * question opens by itself, and the challenge's deadline ends the game (answers already given
 * count); a coding round, which a host would close when everyone is done, the player may close
 * (closeRoundRefusal). Pure, like the engine.
 */

type EventOf<T extends EngineEvent["type"]> = Extract<EngineEvent, { type: T }>;

const nothing = (state: RoomState): StepResult => ({ ok: true, state, effects: [] });

/** Refusals that only a self-paced room has, checked before the engine sees the event. */
export function selfPacedRefusal(
  state: RoomState,
  event: EngineEvent,
  now: number,
): ErrorCode | null {
  if (!state.selfPaced) return null;
  // The attempt may only begin inside the challenge's window.
  if (event.type === "host:start" && now >= state.selfPaced.closesAt) return "CHALLENGE_CLOSED";
  return null;
}

/**
 * Why the player may not close the coding round now (player:close-round), or null if they may.
 * Nobody hosts a self-paced room, so without this a player who is done would wait out the round's
 * clock; a live room's round is its host's to close. The close itself is the engine's, the very
 * path the round's timer takes (waiting for the player's pending evaluations, then ranking on the
 * private split); after its reveal the room moves on by itself as after any other.
 */
export function closeRoundRefusal(
  state: RoomState,
  event: EventOf<"player:close-round">,
): ErrorCode | null {
  if (!state.selfPaced) return "SELF_PACED_ONLY";
  if (!findPlayer(state, event.playerId)) {
    return state.kicked.includes(event.playerId) ? "KICKED" : "PLAYER_NOT_FOUND";
  }
  if (state.phase === "podium") return "GAME_OVER";
  if (state.phase === "lobby" || event.questionIndex !== state.questionIndex) {
    return "QUESTION_NOT_CURRENT";
  }
  if (!isCodingRound(currentQuestion(state))) return "NOT_CODING_ROUND";
  // Already closing (waiting for verdicts) or closed: a second close would change nothing.
  if (state.phase !== "question" || state.codingDrain !== null) return "ROUND_CLOSED";
  return null;
}

/**
 * Adds what a self-paced room needs after an accepted step: the deadline when the game starts
 * (again when the player comes back to a room that waited for them: a room rebuilt after its
 * process was lost has no timers yet), the advance when a question is revealed and on that
 * return, and a durable note of each question as it opens, so a rebuilt room never shows a
 * question twice (self-paced-resume.ts).
 */
export function withSelfPacedTimers(
  before: RoomState,
  result: StepResult,
  now: number,
): StepResult {
  if (!result.ok || !result.state.selfPaced) return result;
  const { state } = result;
  const { revealMs, closesAt } = result.state.selfPaced;
  const added: Effect[] = [];
  const opened =
    state.phase === "question" &&
    (before.phase !== "question" || before.questionIndex !== state.questionIndex);
  if (opened) {
    added.push({
      type: "persist",
      op: { kind: "question-shown", questionIndex: state.questionIndex },
    });
  }
  const returned =
    state.phase === "leaderboard" && before.counts.connected === 0 && state.counts.connected > 0;
  if ((before.phase === "lobby" && state.phase === "question") || returned) {
    added.push({
      type: "schedule",
      key: "deadline",
      at: closesAt,
      event: { type: "timer:deadline" },
    });
  }
  const revealed = state.phase === "reveal" && before.phase !== "reveal";
  if (revealed || returned) {
    added.push({
      type: "schedule",
      key: "auto-advance",
      at: now + revealMs,
      event: { type: "timer:advance", questionIndex: state.questionIndex },
    });
  }
  return added.length === 0 ? result : { ...result, effects: [...result.effects, ...added] };
}

/**
 * The reveal is over: open the next question, or finish. A player who is not connected would
 * lose a question they never saw, so the room waits between questions ("leaderboard") until they
 * return (withSelfPacedTimers then schedules the advance again). A question already open keeps
 * running whether or not they are connected: leaving must not stop the clock.
 */
export function advance(
  state: RoomState,
  event: EventOf<"timer:advance">,
  now: number,
): StepResult {
  const between = state.phase === "reveal" || state.phase === "leaderboard";
  if (!state.selfPaced || !between || state.questionIndex !== event.questionIndex) {
    return nothing(state);
  }
  if (state.counts.connected === 0) {
    return { ok: true, state: { ...state, phase: "leaderboard" }, effects: [PUBLISH] };
  }
  const index = state.questionIndex + 1;
  const upcoming = state.questions[index];
  const next = upcoming ? openQuestion(state, index, upcoming, now) : finishGame(state, now);
  return { ok: true, ...next };
}
