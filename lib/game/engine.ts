import { assertNever, type ErrorCode } from "../contract/errors";
import { progressTick, submitAnswer, submitAnswers, withProgressTick } from "./answers";
import { closeCodingRound, stepCodingRound } from "./coding-round";
import { keyedHas, keyedSet } from "./keyed-map";
import { kick, mute } from "./moderation";
import { configureTeams, moveToTeam, shuffleTeams, smallestTeam, withMember } from "./teams";
import { nicknameIndexKeys, normaliseNickname } from "./nickname";
import { currentQuestion, findAnswer, findPlayer, isCodingRound } from "./room-state";
import { PUBLISH, applyAnswers, finishGame, openQuestion, revealAnswers } from "./transitions";
import { advance, closeRoundRefusal, selfPacedRefusal, withSelfPacedTimers } from "./self-paced";
import type {
  AnswerVerdict,
  Effect,
  EngineEvent,
  PlayerState,
  RoomState,
  StepResult,
  Transition,
} from "./types";

/**
 * The room as a pure reducer: `step(state, event, now)` returns the next state and the effects
 * server/ must carry out, or a refusal that changes nothing. No clock, no randomness, no I/O, and
 * the input state is never mutated, so a refused or failed step can simply be dropped.
 *
 * Phases: lobby -> question -> reveal -> leaderboard -> question ... -> podium.
 *
 * Reads top-down: step() hands each event to its reducer. Joins, connections and the host's
 * commands are here; answers in answers.ts, kicks and mutes in moderation.ts, coding rounds in
 * their own sub-reducer (coding-round.ts); the phase changes they share in transitions.ts; state
 * look-ups in room-state.ts. None of those imports this file or each other in a circle.
 */

export { PROGRESS_TICK_MS } from "./answers";

type EventOf<T extends EngineEvent["type"]> = Extract<EngineEvent, { type: T }>;

const refuse = (error: ErrorCode): StepResult => ({ ok: false, error });
const accept = ({ state, effects }: Transition): StepResult => ({ ok: true, state, effects });
const LOBBY: Effect = { type: "lobby" };

export function step(state: RoomState, event: EngineEvent, now: number): StepResult {
  // A self-paced room (self-paced.ts) is this same game with timers standing in for the host.
  const refusal = selfPacedRefusal(state, event, now);
  if (refusal) return refuse(refusal);
  return withSelfPacedTimers(state, stepEvent(state, event, now), now);
}

function stepEvent(state: RoomState, event: EngineEvent, now: number): StepResult {
  switch (event.type) {
    case "player:join":
      return join(state, event, now);
    case "player:joins":
      return joinPlayers(state, event);
    case "player:connection":
      return setConnection(state, event, now);
    case "host:kick":
      return kick(state, event, now);
    case "host:mute":
      return mute(state, event);
    case "host:lock":
      return accept({ state: { ...state, locked: event.locked }, effects: [PUBLISH, LOBBY] });
    case "host:start":
      return start(state, now);
    case "host:next":
      return next(state, now);
    case "host:end":
      return end(state, now);
    case "player:answer":
      return submitAnswer(state, event, now);
    case "player:answers":
      return submitAnswers(state, event);
    case "timer:question-ended":
      // A timer that lost a race with host:next or the last answer finds nothing to close.
      if (state.phase === "question" && state.questionIndex === event.questionIndex) {
        return accept(closeQuestion(state, now));
      }
      return accept({ state, effects: [] });
    case "timer:progress":
      return progressTick(state);
    case "timer:advance":
      return advance(state, event, now);
    case "timer:deadline":
      // The challenge closed: what was answered counts, as when a host ends the game.
      return state.selfPaced && state.phase !== "podium"
        ? end(state, now)
        : accept({ state, effects: [] });
    case "host:teams":
      return configureTeams(state, event);
    case "host:teams-shuffle":
      return shuffleTeams(state, event);
    case "host:team-assign":
    case "player:team-pick":
      return moveToTeam(state, event);
    case "coding:submit":
    case "coding:evaluated":
      return stepCodingRound(state, event, now);
    case "player:close-round": {
      // Self-paced only: the round closes exactly as its clock running out would close it.
      const refusal = closeRoundRefusal(state, event);
      return refusal ? refuse(refusal) : accept(closeQuestion(state, now));
    }
    default:
      return assertNever(event, "engine event");
  }
}

function join(state: RoomState, event: EventOf<"player:join">, now: number): StepResult {
  if (state.phase === "podium") return refuse("GAME_OVER");
  if (state.locked) return refuse("ROOM_LOCKED");
  // Ids are minted by the server, so a clash is a caller bug rather than a user mistake.
  if (findPlayer(state, event.playerId)) return refuse("INVALID_PAYLOAD");
  if (state.kicked.includes(event.playerId)) return refuse("KICKED");
  // The schema normalised it already; the reducer holds the rule on its own all the same.
  const checked = normaliseNickname(event.nickname);
  if (!checked.ok) return refuse("NICKNAME_INVALID");
  const nickname = checked.nickname;
  // "Ana", "ＡＮＡ" and Cyrillic "Аna" would look the same on the big screen.
  const keys = nicknameIndexKeys(nickname);
  if (keys.some((key) => keyedHas(state.nicknames, key))) return refuse("NICKNAME_TAKEN");
  if (state.counts.players >= state.settings.maxPlayers) return refuse("ROOM_FULL");

  // Late joiners start from zero; they may still answer the current question before its deadline.
  const player: PlayerState = {
    id: event.playerId,
    nickname,
    userId: event.userId,
    score: 0,
    streak: 0,
    correctCount: 0,
    answeredCount: 0,
    connected: true,
    joinedAt: now,
    ...(event.candidateId === undefined ? {} : { candidateId: event.candidateId }),
  };
  // Team mode: the newcomer (in the lobby or late) joins the smallest team (teams.ts).
  const team = state.teams ? smallestTeam(state.teams) : undefined;
  if (team !== undefined) player.team = team;
  return accept({
    state: {
      ...state,
      ...(state.teams && { teams: withMember(state.teams, { ...player, team: undefined }, team) }),
      players: keyedSet(state.players, player.id, player),
      nicknames: keys.reduce((index, key) => keyedSet(index, key, player.id), state.nicknames),
      counts: {
        ...state.counts,
        players: state.counts.players + 1,
        connected: state.counts.connected + 1,
      },
    },
    effects: [
      {
        type: "persist",
        op: {
          kind: "player-joined",
          playerId: player.id,
          nickname: player.nickname,
          userId: player.userId,
          ...(event.candidateId === undefined ? {} : { candidateId: event.candidateId }),
          at: now,
        },
      },
      LOBBY,
      PUBLISH,
    ],
  });
}

/**
 * A burst of joins, each at its own arrival time, with exactly the outcome of joining them one by
 * one (each its own verdict; a refused one changes nothing), and the lobby's frames once for the
 * lot. The step itself is always accepted, so the runtime writes the new players in one statement
 * and commits once.
 */
function joinPlayers(state: RoomState, event: EventOf<"player:joins">): StepResult {
  let current = state;
  const effects: Effect[] = [];
  const verdicts: AnswerVerdict[] = event.joins.map(({ receivedAt, ...joining }) => {
    const result = join(current, { type: "player:join", ...joining }, receivedAt);
    if (!result.ok) return result;
    current = result.state;
    effects.push(...result.effects.filter((effect) => effect.type === "persist"));
    return { ok: true };
  });
  if (current !== state) effects.push(LOBBY, PUBLISH);
  return { ok: true, state: current, effects, verdicts };
}

function setConnection(
  state: RoomState,
  event: EventOf<"player:connection">,
  now: number,
): StepResult {
  const player = findPlayer(state, event.playerId);
  if (!player) return refuse("PLAYER_NOT_FOUND");
  // A second tab or a quick reconnect repeats the flag; nothing to tell anyone then.
  if (player.connected === event.connected) return accept({ state, effects: [] });
  const delta = event.connected ? 1 : -1;
  const answered = findAnswer(state, player.id) !== undefined;
  const counts = {
    ...state.counts,
    connected: state.counts.connected + delta,
    answeredConnected: state.counts.answeredConnected + (answered ? delta : 0),
  };
  // The host's count is of connected players: a drop or a return moves it (on the shared tick).
  const ticked = withProgressTick(
    { ...withPlayer(state, { ...player, connected: event.connected }), counts },
    now,
  );
  return accept({ state: ticked.state, effects: [LOBBY, ...ticked.effects] });
}

function start(state: RoomState, now: number): StepResult {
  if (state.phase !== "lobby") {
    return refuse(state.phase === "podium" ? "GAME_OVER" : "GAME_ALREADY_STARTED");
  }
  if (state.counts.players === 0) return refuse("NO_PLAYERS");
  const first = state.questions[0];
  if (!first) return refuse("INVALID_PAYLOAD");
  const opened = openQuestion(state, 0, first, now);
  return accept({
    state: opened.state,
    effects: [{ type: "persist", op: { kind: "game-started", at: now } }, ...opened.effects],
  });
}

function next(state: RoomState, now: number): StepResult {
  switch (state.phase) {
    case "lobby":
      return refuse("GAME_NOT_RUNNING");
    case "question":
      return accept(closeQuestion(state, now));
    case "reveal":
      return accept({ state: { ...state, phase: "leaderboard" }, effects: [PUBLISH] });
    case "leaderboard": {
      const index = state.questionIndex + 1;
      const upcoming = state.questions[index];
      return accept(upcoming ? openQuestion(state, index, upcoming, now) : finishGame(state, now));
    }
    case "podium":
      return refuse("GAME_OVER");
    default:
      return assertNever(state.phase, "phase");
  }
}

function end(state: RoomState, now: number): StepResult {
  switch (state.phase) {
    case "lobby":
    case "reveal":
    case "leaderboard":
      return accept(finishGame(state, now));
    case "question":
      // A coding round is closed as host:next would close it (waiting for every acknowledged
      // evaluation, however long), then the podium follows: ending the game must not drop
      // submissions or their points.
      if (isCodingRound(currentQuestion(state))) {
        return accept(closeQuestion(state, now, { endGame: true }));
      }
      // These answers are already persisted with their points; the final scores must include them.
      return accept(finishGame(applyAnswers(state), now));
    case "podium":
      return refuse("GAME_OVER");
    default:
      return assertNever(state.phase, "phase");
  }
}

/**
 * Question -> reveal, for host:next, the question timer and host:end. A coding round may first
 * have to wait for its running evaluations; with `endGame` (host:end) the podium follows its
 * standings, now or when the last verdict is in.
 */
function closeQuestion(
  state: RoomState,
  now: number,
  opts: { endGame?: boolean } = {},
): Transition {
  const current = currentQuestion(state);
  if (!isCodingRound(current)) return revealAnswers(state);
  const endGame = (opts.endGame ?? false) || (state.codingDrain?.endGame ?? false);
  const closed = closeCodingRound(state, current.question, now, { endGame });
  if (closed.state.phase !== "reveal" || !endGame) return closed;
  const finished = finishGame(closed.state, now);
  return { state: finished.state, effects: [...closed.effects, ...finished.effects] };
}

function withPlayer(state: RoomState, player: PlayerState): RoomState {
  return { ...state, players: keyedSet(state.players, player.id, player) };
}
