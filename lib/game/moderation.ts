import type { ErrorCode } from "../contract/errors";
import { withProgressTick } from "./answers";
import { keyedDelete, keyedSet } from "./keyed-map";
import { nicknameIndexKeys } from "./nickname";
import { PUBLISH, PUBLISH_ALL, revealAnswers } from "./transitions";
import { withMember } from "./teams";
import {
  allPlayers,
  everyConnectedPlayerAnswered,
  findAnswer,
  findPlayer,
  inJoinOrder,
  isCodingRound,
} from "./room-state";
import type { Effect, EngineEvent, RoomState, StepResult } from "./types";

/**
 * What the host may do to a player, in any phase until the podium: remove them (kick) or hide
 * their nickname (mute). Pure, like the rest of the engine.
 */

type EventOf<T extends EngineEvent["type"]> = Extract<EngineEvent, { type: T }>;

const refuse = (error: ErrorCode): StepResult => ({ ok: false, error });
const LOBBY: Effect = { type: "lobby" };

/**
 * The player leaves the room, the leaderboard and (since the final results are the players left
 * at the end) the podium and /results. Their answers already written stay in Postgres, marked
 * kicked (player-kicked). Mid-question, the counts stay exact and a question that was waiting
 * only for them closes, as it would have on their answer.
 */
export function kick(state: RoomState, event: EventOf<"host:kick">, now: number): StepResult {
  // The results are written when the podium opens: a kick then could not take anyone out of them.
  if (state.phase === "podium") return refuse("GAME_OVER");
  const id = event.playerId;
  const player = findPlayer(state, id);
  if (!player) return refuse("PLAYER_NOT_FOUND");
  const answered = findAnswer(state, id) !== undefined;
  const counts = {
    players: state.counts.players - 1,
    connected: state.counts.connected - (player.connected ? 1 : 0),
    answeredConnected: state.counts.answeredConnected - (answered && player.connected ? 1 : 0),
  };
  const nicknames = nicknameIndexKeys(player.nickname).reduce(
    (index, key) => keyedDelete(index, key),
    state.nicknames,
  );
  const removed: RoomState = {
    ...state,
    players: keyedDelete(state.players, id),
    answers: keyedDelete(state.answers, id),
    nicknames,
    counts,
    kicked: [...state.kicked, id],
    // A kicked player's points leave their team with them (teams.ts).
    ...(state.teams && { teams: withMember(state.teams, player, undefined) }),
  };
  const effects: Effect[] = [
    { type: "persist", op: { kind: "player-kicked", playerId: id, at: now } },
    { type: "kick", playerId: id },
    LOBBY,
  ];
  const waitingOnlyForThem =
    state.phase === "question" &&
    !isCodingRound(state.questions[state.questionIndex]) &&
    counts.connected > 0 &&
    everyConnectedPlayerAnswered(removed);
  if (waitingOnlyForThem) {
    const closed = revealAnswers(removed);
    return { ok: true, state: closed.state, effects: [...effects, ...closed.effects] };
  }
  const ticked = withProgressTick(removed, now);
  // Once scores are shown, a player leaving the ranking moves the ranks of those behind them.
  const published = state.phase === "question" || state.phase === "lobby" ? PUBLISH : PUBLISH_ALL;
  return { ok: true, state: ticked.state, effects: [...effects, ...ticked.effects, published] };
}

/**
 * Hides (or shows again) a player's nickname on every screen; they keep playing. The shown name
 * is "Player N", N their place in the join order (kept unique among hidden players), so the host
 * can still tell them apart. The nickname stays taken: nobody else may join under it.
 */
export function mute(state: RoomState, event: EventOf<"host:mute">): StepResult {
  const player = findPlayer(state, event.playerId);
  if (!player) return refuse(state.kicked.includes(event.playerId) ? "KICKED" : "PLAYER_NOT_FOUND");
  if ((player.hiddenAs !== undefined) === event.muted) return { ok: true, state, effects: [] };
  let updated = { ...player };
  let hiddenAs: number | null = null;
  if (event.muted) {
    // O(players), but only on a host's click.
    const taken = new Set(allPlayers(state).flatMap((p) => p.hiddenAs ?? []));
    let n = inJoinOrder(state).findIndex((p) => p.id === player.id) + 1;
    while (taken.has(n)) n += 1;
    updated.hiddenAs = hiddenAs = n;
  } else {
    const { hiddenAs: _shown, ...rest } = updated;
    updated = rest;
  }
  return {
    ok: true,
    state: { ...state, players: keyedSet(state.players, player.id, updated) },
    // Written first, so /results and the boards (read from Postgres) hide it too.
    effects: [
      { type: "persist", op: { kind: "player-hidden", playerId: player.id, hiddenAs } },
      LOBBY,
      // Only their own view changes (they are told why their name reads "Player N").
      { type: "publish", ownViews: [player.id] },
    ],
  };
}
