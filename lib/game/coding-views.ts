import type { CodingBoardView, PlayerCodingView } from "../contract/views";
import { accuracyPerKb, paretoFront } from "../model/scoring";
import { chosenEntries, chosenEntry, rankCodingEntries, roundTarget } from "./coding";
import { codingPlayer, isCodingRound, pendingEvaluations } from "./room-state";
import { keyedGet } from "./keyed-map";
import { shownName } from "./shown-name";
import type { RoomState } from "./types";

/** The maximum board length sent to clients (the host screen shows the top; players find themselves). */
const BOARD_SIZE = 100;

/**
 * The coding round's board: during the round, each player's best model on the PUBLIC split; from
 * the reveal on, the final standings on the PRIVATE split with the points they earned.
 */
export function codingBoard(state: RoomState): CodingBoardView | null {
  const rq = state.questions[state.questionIndex];
  if (!isCodingRound(rq) || state.phase === "lobby" || state.phase === "podium") return null;
  const round = rq.question;
  const revealed = state.phase !== "question";
  const target = roundTarget(round, state.codingBaseline, revealed ? "private" : "public");
  const choice = roundTarget(round, state.codingBaseline, "public");
  const named = (id: string) => {
    const player = keyedGet(state.players, id);
    return player ? shownName(player) : { nickname: "?" };
  };

  // Kicked players' models leave the board as they leave the standings (finalStandings).
  const chosen = chosenEntries(state, choice);
  const accuracyOf = (e: (typeof chosen)[number]) =>
    revealed ? e.privateAccuracy : e.publicAccuracy;
  const ranked = rankCodingEntries(chosen, revealed ? "private" : "public", target);
  const front = new Set(
    paretoFront(
      chosen.map((e) => ({ id: e.submissionId, accuracy: accuracyOf(e), bytes: e.sizeBytes })),
    ).map((e) => e.id),
  );
  const entries = ranked.slice(0, BOARD_SIZE).flatMap(({ entry, ...r }) => {
    const result = codingPlayer(state, entry.playerId).result;
    return [
      {
        playerId: entry.playerId,
        ...named(entry.playerId),
        accuracy: accuracyOf(entry),
        sizeBytes: entry.sizeBytes,
        accuracyPerKb: accuracyPerKb(accuracyOf(entry), entry.sizeBytes),
        aboveFloor: r.aboveFloor,
        tooLarge: r.tooLarge,
        rank: r.rank,
        points: revealed ? (result?.points ?? 0) : null,
        pareto: front.has(entry.submissionId),
      },
    ];
  });
  return {
    split: revealed ? "private" : "public",
    floor: target.accuracyFloor,
    maxBytes: target.maxBytes,
    entries,
    submissions: Object.values(state.coding).reduce((sum, p) => sum + p.submitted, 0),
    pending: pendingEvaluations(state),
    draining: state.codingDrain !== null,
  };
}

export function playerCodingView(state: RoomState, playerId: string): PlayerCodingView | null {
  const rq = state.questions[state.questionIndex];
  if (!isCodingRound(rq) || state.phase === "lobby" || state.phase === "podium") return null;
  const mine = codingPlayer(state, playerId);
  const best = chosenEntry(mine.entries, roundTarget(rq.question, state.codingBaseline, "public"));
  return {
    submitted: mine.submitted,
    remaining: Math.max(0, rq.question.maxSubmissions - mine.submitted),
    pending: mine.pending,
    best: best ? { accuracy: best.publicAccuracy, sizeBytes: best.sizeBytes } : null,
  };
}
