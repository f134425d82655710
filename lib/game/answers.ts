import type { ErrorCode } from "../contract/errors";
import { timeLimitMs } from "../questions/public";
import { gradeAnswer, scoreAnswer } from "./scoring";
import { revealAnswers } from "./transitions";
import { answerProgress, everyConnectedPlayerAnswered, findAnswer, findPlayer } from "./room-state";
import { keyedSet } from "./keyed-map";
import type {
  AnswerRecord,
  AnswerVerdict,
  Effect,
  EngineEvent,
  RoomState,
  StepResult,
} from "./types";

/**
 * Answers: one at a time (player:answer) or a burst at once (player:answers). Every accepted
 * answer costs O(1): the record goes into a persistent map, the counts say whether everyone
 * connected has answered, and the answer count goes out on a tick, never per answer.
 */

/**
 * Answer counts go out on a tick this long after the first answer of a burst, never per answer.
 * Each tick is one frame to every player: at 250 ms, answers spread over a 3 s think time made
 * ~11 of a player's ~15 frames per question; a count that moves once a second still reads live.
 */
export const PROGRESS_TICK_MS = 1_000;

type EventOf<T extends EngineEvent["type"]> = Extract<EngineEvent, { type: T }>;

const refuse = (error: ErrorCode): StepResult => ({ ok: false, error });

export function submitAnswer(
  state: RoomState,
  event: Omit<EventOf<"player:answer">, "type">,
  now: number,
): StepResult {
  const player = findPlayer(state, event.playerId);
  if (!player) return refuse(state.kicked.includes(event.playerId) ? "KICKED" : "PLAYER_NOT_FOUND");
  if (
    state.phase === "lobby" ||
    state.phase === "podium" ||
    event.questionIndex !== state.questionIndex
  ) {
    return refuse("QUESTION_NOT_CURRENT");
  }
  // Before the clock: a player who re-sends an answer they already gave (a retry after a lost
  // ack, often once the time is up) is told it is in, which is true, rather than "too late".
  if (findAnswer(state, player.id)) return refuse("ALREADY_ANSWERED");
  if (
    state.phase !== "question" ||
    state.questionDeadline === null ||
    now > state.questionDeadline
  ) {
    return refuse("ANSWER_TOO_LATE");
  }
  const rq = state.questions[state.questionIndex];
  if (!rq) return refuse("QUESTION_NOT_CURRENT");
  if (event.answer.type !== rq.question.type) return refuse("ANSWER_TYPE_MISMATCH");
  const grade = gradeAnswer(rq, event.answer);
  if (!grade.ok) return refuse(grade.error);

  const elapsedMs = now - (state.questionStartedAt ?? now);
  const record: AnswerRecord = {
    playerId: player.id,
    questionIndex: state.questionIndex,
    questionId: rq.id,
    answer: event.answer,
    receivedAt: now,
    elapsedMs,
    correctness: grade.correctness,
    // player.streak is still the streak as of question start: streaks only move at the reveal.
    ...scoreAnswer({
      correctness: grade.correctness,
      elapsedMs,
      limitMs: timeLimitMs(rq, state.settings),
      scoring: state.settings.scoring,
      streakBonusEnabled: state.settings.streakBonus,
      previousStreak: player.streak,
    }),
  };

  // Scores stay untouched until the reveal, so nothing sent before it hints at correctness.
  let answered: RoomState = {
    ...state,
    answers: keyedSet(state.answers, player.id, record),
    counts: {
      ...state.counts,
      answeredConnected: state.counts.answeredConnected + (player.connected ? 1 : 0),
    },
  };
  const effects: Effect[] = [{ type: "persist", op: { kind: "answer", record } }];
  const ticked = withProgressTick(answered, now);
  answered = ticked.state;
  effects.push(...ticked.effects);
  if (everyConnectedPlayerAnswered(answered)) {
    // Answers only come to quiz questions (a coding round takes models over HTTP).
    const closed = revealAnswers(answered);
    return { ok: true, state: closed.state, effects: [...effects, ...closed.effects] };
  }
  return { ok: true, state: answered, effects };
}

/**
 * A burst of answers, each at its own arrival time, with exactly the outcome of stepping them one
 * by one: each gets its own verdict, a refused one changes nothing, and once the last connected
 * player's answer closes the question the rest are too late. The step itself is always accepted
 * (possibly changing nothing), so the runtime writes the accepted answers in one statement and
 * commits once.
 */
export function submitAnswers(state: RoomState, event: EventOf<"player:answers">): StepResult {
  let current = state;
  const effects: Effect[] = [];
  const verdicts: AnswerVerdict[] = event.answers.map((answer) => {
    const result = submitAnswer(current, answer, answer.receivedAt);
    if (!result.ok) return result;
    current = result.state;
    effects.push(...result.effects);
    return { ok: true };
  });
  return { ok: true, state: current, effects, verdicts };
}

/**
 * Schedules the next count unless one is already on its way: answers, and players dropping or
 * coming back during a question, all move the count, and all share the one tick.
 */
export function withProgressTick(
  state: RoomState,
  now: number,
): { state: RoomState; effects: Effect[] } {
  if (state.progressTickPending || state.phase !== "question") return { state, effects: [] };
  return {
    state: { ...state, progressTickPending: true },
    effects: [
      {
        type: "schedule",
        key: "progress",
        at: now + PROGRESS_TICK_MS,
        event: { type: "timer:progress" },
      },
    ],
  };
}

export function progressTick(state: RoomState): StepResult {
  const ticked: RoomState = { ...state, progressTickPending: false };
  if (state.phase !== "question") return { ok: true, state: ticked, effects: [] };
  return { ok: true, state: ticked, effects: [{ type: "progress", ...answerProgress(state) }] };
}
