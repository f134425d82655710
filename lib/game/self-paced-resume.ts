import { step } from "./engine";
import { keyedSet } from "./keyed-map";
import { findPlayer, isCodingRound } from "./room-state";
import { finishGame } from "./transitions";
import type { FinalResult, PlayerState, RoomState } from "./types";

/**
 * A self-paced attempt whose room was lost (its process stopped with the room in memory, or the
 * store lost it) is rebuilt from what Postgres holds, then goes on: the player's stored answers
 * count as the engine counted them (points, correctness, streak), every question already shown
 * stays done, and the player continues with the first question never shown. The question that
 * was open when the room was lost was seen and not answered: it scores 0, as if its time ran out,
 * and is never shown again with a fresh timer (that would be a second look). Pure, like the
 * engine: the server loads the facts and opens or closes the room (server/challenges).
 */

/** One stored answer, as persisted when it was acknowledged. */
export interface StoredAnswer {
  questionIndex: number;
  points: number;
  streakBonus: number;
  correctness: number;
  /** The player's streak after this answer. */
  streak: number;
}

/** What Postgres holds of one attempt. */
export interface StoredAttempt {
  player: {
    id: string;
    nickname: string;
    userId: string | null;
    candidateId: string | null;
    joinedAt: number;
  };
  /** The first question was shown (Room.startedAt is set). */
  started: boolean;
  /** How many questions the room noted as shown (ChallengeAttempt.questionsShown). */
  questionsShown: number;
  answers: readonly StoredAnswer[];
  /** The player's final model in each coding round that closed (Submission.final). */
  codingResults: readonly { questionIndex: number; points: number; aboveFloor: boolean }[];
}

export type ResumedAttempt =
  /**
   * The room waits for its player: in the lobby (the game never started), or between questions
   * with `next` the question to open once the player's screen is back (self-paced.ts).
   */
  | { kind: "waiting"; state: RoomState; next: number }
  /** Nothing is left, or the deadline passed: the attempt closes with these results. */
  | { kind: "finished"; state: RoomState; results: FinalResult[] };

/**
 * The attempt's room as it stands, from `fresh` (the attempt's room as created: same id, code,
 * settings and questions, in the lobby, empty) and the stored facts. Throws on a `fresh` that is
 * not an empty self-paced lobby, or a player the engine would not seat: a caller's bug.
 */
export function resumeAttempt(
  fresh: RoomState,
  stored: StoredAttempt,
  now: number,
): ResumedAttempt {
  if (!fresh.selfPaced || fresh.phase !== "lobby" || fresh.counts.players !== 0) {
    throw new Error("resumeAttempt needs an empty self-paced room in the lobby");
  }
  const { player } = stored;
  // The same join the engine made, so the nickname index and counts are the engine's own.
  const joined = step(
    fresh,
    {
      type: "player:join",
      playerId: player.id,
      nickname: player.nickname,
      userId: player.userId,
      ...(player.candidateId === null ? {} : { candidateId: player.candidateId }),
    },
    player.joinedAt,
  );
  if (!joined.ok) throw new Error(`the stored player cannot be seated: ${joined.error}`);
  const seated = findPlayer(joined.state, player.id)!;
  // Nobody is connected until the player's screen resumes the seat.
  const away: RoomState = {
    ...joined.state,
    players: keyedSet(joined.state.players, player.id, { ...seated, connected: false }),
    counts: { ...joined.state.counts, connected: 0, answeredConnected: 0 },
  };

  const next = nextQuestion(stored);
  if (next === 0) return { kind: "waiting", state: away, next: 0 };

  const between: RoomState = {
    ...away,
    phase: "leaderboard",
    questionIndex: next - 1,
    questionStartedAt: null,
    questionDeadline: null,
    players: keyedSet(away.players, player.id, standing(away, seated, stored, next)),
  };
  if (next < between.questions.length && now < fresh.selfPaced.closesAt) {
    return { kind: "waiting", state: between, next };
  }
  const finished = finishGame(between, now);
  const results = finished.effects.flatMap((e) =>
    e.type === "persist" && e.op.kind === "game-finished" ? e.op.results : [],
  );
  return { kind: "finished", state: finished.state, results };
}

/**
 * The first question never shown. Every question noted as shown is done, and so is every
 * question up to the last answer (in case a note was not written); once the game has started,
 * the first question was shown.
 */
export function nextQuestion(stored: StoredAttempt): number {
  const lastAnswered = Math.max(-1, ...stored.answers.map((a) => a.questionIndex));
  const lastCoding = Math.max(-1, ...stored.codingResults.map((c) => c.questionIndex));
  const started = stored.started || stored.questionsShown > 0 || lastAnswered >= 0;
  return Math.max(stored.questionsShown, lastAnswered + 1, lastCoding + 1, started ? 1 : 0);
}

/**
 * What the stored answers and closed coding rounds add up to, as the engine adds them (a reveal
 * adds points + streak bonus, a closed coding round its points; a fully correct answer and a
 * model that met its round's task count as correct). The start-up sweep closes an attempt whose
 * deadline passed with these (server/repositories/prisma-room-abort.ts).
 */
export function attemptTotals(stored: Pick<StoredAttempt, "answers" | "codingResults">): {
  score: number;
  correctCount: number;
  answeredCount: number;
} {
  let score = 0;
  let correctCount = 0;
  for (const a of stored.answers) {
    score += a.points + a.streakBonus;
    correctCount += a.correctness === 1 ? 1 : 0;
  }
  for (const c of stored.codingResults) {
    score += c.points;
    correctCount += c.aboveFloor ? 1 : 0;
  }
  return {
    score,
    correctCount,
    answeredCount: stored.answers.length + stored.codingResults.length,
  };
}

/** The player's standing after questions 0..next-1, as the engine's reveals left it. */
function standing(
  state: RoomState,
  seated: PlayerState,
  stored: StoredAttempt,
  next: number,
): PlayerState {
  const answerAt = new Map(stored.answers.map((a) => [a.questionIndex, a]));
  let streak = 0;
  for (let i = 0; i < next; i++) {
    // A coding round leaves the streak as it was; a question closed without an answer (timed
    // out, or open when the room was lost) resets it.
    if (!isCodingRound(state.questions[i])) streak = answerAt.get(i)?.streak ?? 0;
  }
  // Every stored answer and coding result lies before `next` (nextQuestion), so all count.
  return { ...seated, connected: false, streak, ...attemptTotals(stored) };
}
