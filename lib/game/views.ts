import type {
  DistributionBucket,
  LastResultView,
  LobbyView,
  PlayerView,
  ProgressView,
  RevealView,
  RoomView,
  TeamStandingEntry,
  TeamsView,
} from "../contract/views";
import { revealKey, toPublicQuestion } from "../questions/public";
import { rankById, rankPlayers, topEntries } from "./leaderboard";
import { codingBoard, playerCodingView } from "./coding-views";
import { keyedValues } from "./keyed-map";
import {
  allPlayers,
  answerProgress,
  codingPlayer,
  currentQuestion,
  findAnswer,
  findPlayer,
  inJoinOrder,
  isCodingRound,
} from "./room-state";
import { shownName } from "./shown-name";
import { rankTeams, type TeamStanding } from "./teams";
import type { AnswerRecord, Phase, PlayerState, RoomQuestion, RoomState } from "./types";

/**
 * What clients may see of a room, derived from the state on every send. The answer key and the
 * distribution only appear from the reveal on; during a question a view is the same whether a
 * player answered right or wrong (scores move at the reveal).
 */

export const LEADERBOARD_SIZE = 10;
export const PODIUM_SIZE = 3;
export const LOBBY_LIST_SIZE = 200;

const ROUND_PHASES: readonly Phase[] = ["question", "reveal", "leaderboard"];
const REVEALED_PHASES: readonly Phase[] = ["reveal", "leaderboard"];
const RANKED_PHASES: readonly Phase[] = ["reveal", "leaderboard", "podium"];

export function roomView(state: RoomState, now: number): RoomView {
  const current = ROUND_PHASES.includes(state.phase) ? currentQuestion(state) : undefined;
  const ranking = RANKED_PHASES.includes(state.phase) ? rankPlayers(allPlayers(state)) : [];
  return {
    code: state.code,
    phase: state.phase,
    locked: state.locked,
    scoring: state.settings.scoring,
    streakBonus: state.settings.streakBonus,
    playerCount: state.counts.players,
    questionCount: state.questions.length,
    question: current
      ? toPublicQuestion(
          current,
          state.questionIndex,
          state.questions.length,
          state.settings.defaultTimeLimitSec,
        )
      : null,
    questionStartedAt: current ? state.questionStartedAt : null,
    questionDeadline: current ? state.questionDeadline : null,
    reveal: current && REVEALED_PHASES.includes(state.phase) ? revealView(state, current) : null,
    leaderboard: topEntries(ranking, LEADERBOARD_SIZE),
    podium: state.phase === "podium" ? topEntries(ranking, PODIUM_SIZE) : [],
    coding: codingBoard(state),
    progress: state.phase === "question" ? progressView(state, now) : null,
    ...(state.teams && { teams: teamsView(state) }),
    ...(state.selfPaced && { selfPaced: true as const }),
    sentAt: now,
  };
}

/** The teams and, once scores are shown, their standings. O(teams): no player is read. */
function teamsView(state: RoomState): TeamsView | undefined {
  const teams = state.teams;
  if (!teams) return undefined;
  const ranked = RANKED_PHASES.includes(state.phase) ? rankTeams(teams).map(standingEntry) : [];
  return {
    mode: teams.mode,
    teams: teams.teams.map(({ id, color, name, members }) => ({ team: id, color, name, members })),
    standings: ranked,
    podium: state.phase === "podium" ? ranked.slice(0, PODIUM_SIZE) : [],
  };
}

function standingEntry({ team, score, rank }: TeamStanding): TeamStandingEntry {
  return { team: team.id, color: team.color, name: team.name, members: team.members, score, rank };
}

/** A player's team and, once scores are shown, its rank (team mode only). */
function teamFields(
  state: RoomState,
  player: PlayerState,
  teamRanks?: ReadonlyMap<number, number>,
): { team?: number; teamRank?: number } {
  if (!state.teams || player.team === undefined) return {};
  if (!RANKED_PHASES.includes(state.phase)) return { team: player.team };
  const ranks = teamRanks ?? teamRankById(state);
  const teamRank = ranks.get(player.team);
  return teamRank === undefined ? { team: player.team } : { team: player.team, teamRank };
}

function teamRankById(state: RoomState): Map<number, number> {
  return new Map(state.teams ? rankTeams(state.teams).map((s) => [s.team.id, s.rank]) : []);
}

function revealView(state: RoomState, rq: RoomQuestion): RevealView {
  if (isCodingRound(rq)) return codingRevealView(state, rq);
  const answers = keyedValues(state.answers);
  return {
    key: revealKey(rq),
    explanation: rq.question.explanation,
    distribution: distribution(rq, answers),
    answered: answers.length,
    fullyCorrect: answers.filter((a) => a.correctness === 1).length,
  };
}

/** A coding round's outcome: how many models cleared the floor, missed it, or never came. */
function codingRevealView(state: RoomState, rq: RoomQuestion): RevealView {
  const results = allPlayers(state).map((p) => codingPlayer(state, p.id).result);
  const above = results.filter((r) => r?.aboveFloor).length;
  const submitted = results.filter((r) => r !== null).length;
  return {
    key: { type: "coding" },
    explanation: rq.question.explanation,
    distribution: [
      { key: "above-floor", count: above, correct: true },
      { key: "below-floor", count: submitted - above, correct: false },
      { key: "none", count: results.length - submitted, correct: false },
    ],
    answered: submitted,
    fullyCorrect: above,
  };
}

/** How the room answered: per option for choice questions, per outcome for the rest. */
function distribution(rq: RoomQuestion, answers: readonly AnswerRecord[]): DistributionBucket[] {
  const q = rq.question;
  switch (q.type) {
    case "single":
    case "multiple": {
      const counts = q.options.map(() => 0);
      for (const { answer } of answers) {
        const picked =
          answer.type === "single"
            ? [answer.choice]
            : answer.type === "multiple"
              ? answer.choices
              : [];
        for (const i of picked) counts[i] = (counts[i] ?? 0) + 1;
      }
      const isCorrect = (i: number) =>
        q.type === "single" ? q.correct === i : q.correct.includes(i);
      return counts.map((count, i) => ({ key: String(i), count, correct: isCorrect(i) }));
    }
    case "truefalse":
      return [true, false].map((value) => ({
        key: String(value),
        count: answers.filter((a) => a.answer.type === "truefalse" && a.answer.value === value)
          .length,
        correct: value === q.correct,
      }));
    case "ordering":
    case "numeric":
    case "text": {
      const count = (test: (c: number) => boolean) =>
        answers.filter((a) => test(a.correctness)).length;
      return [
        { key: "correct", count: count((c) => c === 1), correct: true },
        { key: "partial", count: count((c) => c > 0 && c < 1), correct: false },
        { key: "wrong", count: count((c) => c === 0), correct: false },
      ];
    }
    case "coding":
      return []; // codingRevealView handles coding rounds
  }
}

/**
 * One player's own view. Pass `ranks` (from `rankById`) when building views for a whole room so
 * the ranking is computed once per send, not once per player.
 */
export function playerView(
  state: RoomState,
  playerId: string,
  now: number,
  ranks?: ReadonlyMap<string, number>,
  teamRanks?: ReadonlyMap<number, number>,
): PlayerView | null {
  const player = findPlayer(state, playerId);
  if (!player) return null;
  // One player's view (a join or resume ack) needs no sorted ranking: under the ranking rule a
  // rank is one more than the number of strictly better scores (ties share it). In the lobby no
  // one has scored, so every rank is 1 without the scan: a room filling up would otherwise pay
  // O(players) per join (1.4 s of CPU over 2,000 joins in bench:load's profile).
  const rank =
    ranks?.get(playerId) ??
    (state.phase === "lobby"
      ? 1
      : 1 + allPlayers(state).filter((other) => other.score > player.score).length);
  return {
    playerId: player.id,
    ...shownName(player),
    score: player.score,
    rank,
    streak: player.streak,
    questionIndex: state.questionIndex,
    answeredCurrent: state.questionIndex >= 0 && findAnswer(state, playerId) !== undefined,
    lastResult: lastResult(state, playerId),
    coding: playerCodingView(state, playerId),
    ...teamFields(state, player, teamRanks),
    sentAt: now,
  };
}

/** Every player's own view, in join order, with one ranking for all of them. */
export function playerViews(state: RoomState, now: number): PlayerView[] {
  const ranks = rankById(rankPlayers(allPlayers(state)));
  const teamRanks = teamRankById(state);
  return inJoinOrder(state).flatMap((p) => playerView(state, p.id, now, ranks, teamRanks) ?? []);
}

function lastResult(state: RoomState, playerId: string): LastResultView | null {
  if (!RANKED_PHASES.includes(state.phase) || state.questionIndex < 0) return null;
  if (isCodingRound(state.questions[state.questionIndex])) {
    const result = codingPlayer(state, playerId).result;
    return {
      questionIndex: state.questionIndex,
      answered: result !== null,
      correctness: result?.aboveFloor ? 1 : 0,
      correct: result?.aboveFloor ?? false,
      points: result?.points ?? 0,
      streakBonus: 0,
      answer: null,
      codingOutcome:
        result === null
          ? null
          : result.aboveFloor
            ? "above-floor"
            : result.tooLarge
              ? "too-large"
              : "below-floor",
    };
  }
  const record = findAnswer(state, playerId);
  return {
    questionIndex: state.questionIndex,
    answered: record !== undefined,
    correctness: record?.correctness ?? 0,
    correct: record?.correctness === 1,
    points: record?.points ?? 0,
    streakBonus: record?.streakBonus ?? 0,
    answer: record?.answer ?? null,
    codingOutcome: null,
  };
}

/**
 * Whether each player's own view may travel inside their copy of the room view (one frame, not
 * two). Not while a coding round is current: its board (up to 100 models) would be copied into
 * every player's frame.
 */
export function ownViewsRideWithRoom(state: RoomState): boolean {
  return !ROUND_PHASES.includes(state.phase) || !isCodingRound(currentQuestion(state));
}

export function lobbyView(state: RoomState, now: number): LobbyView {
  const players = inJoinOrder(state);
  const listed = (p: PlayerState) => ({
    playerId: p.id,
    ...shownName(p),
    connected: p.connected,
    ...(p.team !== undefined && { team: p.team }),
  });
  return {
    count: players.length,
    players: players.slice(0, LOBBY_LIST_SIZE).map(listed),
    offline: players
      .filter((p) => !p.connected)
      .slice(0, LOBBY_LIST_SIZE)
      .map(listed),
    sentAt: now,
  };
}

export function progressView(state: RoomState, now: number): ProgressView {
  return { questionIndex: state.questionIndex, ...answerProgress(state), sentAt: now };
}
