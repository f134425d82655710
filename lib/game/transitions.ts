import { timeLimitMs } from "../questions/public";
import { rankPlayers } from "./leaderboard";
import { keyedCleared, keyedUpdateAll } from "./keyed-map";
import { allPlayers, findAnswer, findPlayer, isCodingRound } from "./room-state";
import { finalTeamResults, withTeamGains } from "./teams";
import type {
  Effect,
  FinalResult,
  PlayerState,
  RoomQuestion,
  RoomState,
  Transition,
} from "./types";

/**
 * Phase transitions that more than one engine event leads to (host:start and host:next open a
 * question; host:next, the question timer, the last answer and a kick reveal one; host:next and
 * host:end finish the game). They build a Transition rather than a StepResult so callers can
 * prepend their own effects before accepting. Quiz questions only: a coding round closes through
 * its own sub-reducer (coding-round.ts), and the engine picks which. Pure, like the engine.
 */

export const PUBLISH: Effect = { type: "publish" };
/** Every player's own view changed as well (scores, ranks, own results: a reveal, the podium). */
export const PUBLISH_ALL: Effect = { type: "publish", ownViews: "all" };
const CANCEL_QUESTION_TIMER: Effect = { type: "cancel", key: "question" };

export function openQuestion(
  state: RoomState,
  index: number,
  rq: RoomQuestion,
  now: number,
): Transition {
  const deadline = now + timeLimitMs(rq, state.settings);
  return {
    state: {
      ...state,
      phase: "question",
      questionIndex: index,
      questionStartedAt: now,
      questionDeadline: deadline,
      answers: keyedCleared(state.answers),
      counts: { ...state.counts, answeredConnected: 0 },
      coding: {},
      codingDrain: null,
    },
    effects: [
      {
        type: "schedule",
        key: "question",
        at: deadline,
        event: { type: "timer:question-ended", questionIndex: index },
      },
      // A quiz question changes nothing in a player's own view that the client cannot tell from
      // the question itself (PlayerView.questionIndex); a coding round resets each one's quota.
      isCodingRound(rq) ? PUBLISH_ALL : PUBLISH,
    ],
  };
}

/** Question -> reveal. The answers stay in state until the next question: the views need them. */
export function revealAnswers(state: RoomState): Transition {
  return {
    state: { ...applyAnswers(state), phase: "reveal" },
    effects: [CANCEL_QUESTION_TIMER, PUBLISH_ALL],
  };
}

/** Moves every answer's points into the scores; called exactly once per question, as it closes. */
export function applyAnswers(state: RoomState): RoomState {
  // Each team's gain is added up in the same pass, so team sums stay exact without a recount.
  const gains: number[] = [];
  const players = keyedUpdateAll(state.players, (p): PlayerState => {
    const record = findAnswer(state, p.id);
    if (!record) return { ...p, streak: 0 };
    const gained = record.points + record.streakBonus;
    if (p.team !== undefined) gains[p.team] = (gains[p.team] ?? 0) + gained;
    return {
      ...p,
      score: p.score + gained,
      streak: record.streak,
      correctCount: p.correctCount + (record.correctness === 1 ? 1 : 0),
      answeredCount: p.answeredCount + 1,
    };
  });
  return {
    ...state,
    players,
    ...(state.teams && { teams: withTeamGains(state.teams, gains) }),
  };
}

export function finishGame(state: RoomState, now: number): Transition {
  const results: FinalResult[] = rankPlayers(allPlayers(state)).flatMap((entry) => {
    const p = findPlayer(state, entry.playerId);
    return p
      ? [
          {
            playerId: p.id,
            nickname: p.nickname,
            rank: entry.rank,
            score: p.score,
            correctCount: p.correctCount,
            answeredCount: p.answeredCount,
            ...(p.team !== undefined && { team: p.team }),
          },
        ]
      : [];
  });
  const teamResults = finalTeamResults(state);
  return {
    state: { ...state, phase: "podium", endedAt: now },
    effects: [
      CANCEL_QUESTION_TIMER,
      {
        type: "persist",
        op: {
          kind: "game-finished",
          at: now,
          results,
          ...(state.teams && { teamResults }),
        },
      },
      PUBLISH_ALL,
    ],
  };
}
