import type { Answer, Question } from "../questions/schema";
import type { CodingRound } from "../coding/round";
import type { ErrorCode } from "../contract/errors";
import type { RoomSettings } from "../contract/schemas";
import type { TeamColor } from "../contract/team-constants";
import type { TeamSettings } from "../contract/teams";
import type { KeyedMap } from "./keyed-map";

/**
 * The room engine's state and vocabulary. The engine (engine.ts) is a pure reducer:
 * `step(state, event, now) -> { ok: true, state, effects } | { ok: false, error }`.
 * Time comes in as `now` (ms since epoch); timers leave as `schedule` effects that server/
 * carries out. A refused event changes nothing.
 */

export type Phase = "lobby" | "question" | "reveal" | "leaderboard" | "podium";

export interface PlayerState {
  id: string;
  nickname: string;
  /** Set when the player joined while signed in; never taken from the client. */
  userId: string | null;
  score: number;
  /** Consecutive fully correct answers up to now. */
  streak: number;
  correctCount: number;
  answeredCount: number;
  connected: boolean;
  joinedAt: number;
  /** Set while the host hides this nickname: views show "Player N" instead (shown-name.ts). */
  hiddenAs?: number;
  /** The event candidate playing (a room under an event admits its candidates only). */
  candidateId?: string;
  /** The team's index in RoomState.teams, while team mode is on (teams.ts). */
  team?: number;
}

/** How players get their team while team mode is on ("off" is the absence of RoomState.teams). */
export type TeamMode = "host" | "random" | "pick";

/**
 * One team. Its score is the mean of its members' scores (teams.ts); the sum and the member
 * count are kept by every event that moves them, so no answer or join has to count the room.
 */
export interface TeamState {
  id: number;
  color: TeamColor;
  /** The host's name for it; null: clients call it by its colour in their own language. */
  name: string | null;
  members: number;
  /** Sum of the members' scores (kicked players leave it; disconnected ones stay in it). */
  scoreSum: number;
}

export interface TeamsState {
  mode: TeamMode;
  teams: TeamState[];
}

/** One player's answer to one question, as graded by the server. */
export interface AnswerRecord {
  playerId: string;
  questionIndex: number;
  questionId: string;
  answer: Answer;
  receivedAt: number;
  elapsedMs: number;
  /** 0..1 (partial credit for multiple choice and ordering). */
  correctness: number;
  /** Speed/accuracy points, without the streak bonus (the score grows by points + streakBonus). */
  points: number;
  streakBonus: number;
  /** The player's streak after this answer. */
  streak: number;
}

/** A question as the room plays it: the stored id, the full question, how it is shown. */
export interface RoomQuestion {
  id: string;
  /** A quiz question, or a coding round (lib/coding/round.ts). */
  question: Question | CodingRound;
  /**
   * For ordering questions: presentation[shownPosition] = index in `question.items`. Clients see
   * items in shown order and answer with shown positions, so the key never leaves the server.
   */
  presentation: number[];
}

export interface RoomState {
  roomId: string;
  code: string;
  hostUserId: string;
  settings: RoomSettings;
  locked: boolean;
  phase: Phase;
  questions: RoomQuestion[];
  /** -1 in the lobby. */
  questionIndex: number;
  questionStartedAt: number | null;
  questionDeadline: number | null;
  /** By player id, in no particular order (PlayerState.joinedAt gives the join order). */
  players: KeyedMap<PlayerState>;
  /** Ids of kicked players, kept so their token stops working. */
  kicked: string[];
  /** Answers to the current question only (earlier ones are in Postgres), by player id. */
  answers: KeyedMap<AnswerRecord>;
  /**
   * Nickname keys in use ("f:" + case-folded form, "s:" + skeleton, see nicknameKeys) -> player
   * id, so a join checks for a look-alike without comparing against every player.
   */
  nicknames: KeyedMap<string>;
  /** Kept by every event that changes them, so no answer or join has to count the room. */
  counts: RoomCounts;
  /** Coding round in play: each player's submissions (reset when a question opens). */
  coding: Record<string, CodingPlayerState>;
  /**
   * Set while a closed coding round waits for its acknowledged evaluations: no new submission is
   * accepted, and the round ranks once the last verdict is in (there is no cut-off: the evaluator
   * answers every job, with a rejection on a crash or a timeout). `endGame`: the host ended the
   * game meanwhile, so the podium follows the standings.
   */
  codingDrain: { startedAt: number; endGame: boolean } | null;
  /** The "shrink" variant's baseline scores, measured by the server's evaluator. */
  codingBaseline: CodingBaseline | null;
  /** True while a progress tick is scheduled (answer counts are sent on a tick, not per answer). */
  progressTickPending: boolean;
  createdAt: number;
  endedAt: number | null;
  /** Team mode; absent while it is off (teams.ts). */
  teams?: TeamsState;
  /** A self-paced attempt's solo room (self-paced.ts): no host, the server advances it. */
  selfPaced?: SelfPacedState;
}

/**
 * One player alone, no host: after each reveal the room moves on by itself, and the challenge's
 * deadline closes the attempt (what was answered counts). Questions keep their live timing.
 */
export interface SelfPacedState {
  /** How long a reveal stays on screen before the next question opens. */
  revealMs: number;
  /** The challenge's deadline (ms since epoch): the attempt ends there, wherever it stands. */
  closesAt: number;
}

export interface RoomCounts {
  players: number;
  connected: number;
  /** Connected players with an answer to the current question. */
  answeredConnected: number;
}

export type EngineEvent =
  | {
      type: "player:join";
      playerId: string;
      nickname: string;
      userId: string | null;
      /** Checked by the server against the candidate's signed token before the event is made. */
      candidateId?: string;
    }
  | { type: "player:connection"; playerId: string; connected: boolean }
  | { type: "host:kick"; playerId: string }
  | { type: "host:mute"; playerId: string; muted: boolean }
  | { type: "host:lock"; locked: boolean }
  | { type: "host:start" }
  | { type: "host:next" }
  | { type: "host:end" }
  | { type: "player:answer"; playerId: string; questionIndex: number; answer: Answer }
  /** A burst of answers the runtime collected, each timed by its arrival (see submitAnswers). */
  | { type: "player:answers"; answers: BatchedAnswer[] }
  /** A burst of joins the runtime collected, each at its arrival (see joinPlayers). */
  | { type: "player:joins"; joins: BatchedJoin[] }
  /** A model was uploaded and stored for the current coding round (server-side, after HTTP). */
  | {
      type: "coding:submit";
      playerId: string;
      questionIndex: number;
      submission: StoredSubmission;
    }
  /** The evaluator finished one submission. */
  | {
      type: "coding:evaluated";
      playerId: string;
      questionIndex: number;
      submissionId: string;
      submittedAt: number;
      result:
        | { ok: true; publicAccuracy: number; privateAccuracy: number; sizeBytes: number }
        | { ok: false };
    }
  /** Team mode on or off, its mode, team count and names (lobby only); `seed` deals "random". */
  | { type: "host:teams"; settings: TeamSettings; seed: number }
  /** Everyone dealt into the teams at random (balanced), from `seed` (lobby or between questions). */
  | { type: "host:teams-shuffle"; seed: number }
  /** The host moves one player (lobby or between questions). */
  | { type: "host:team-assign"; playerId: string; team: number }
  /** A player picks their team ("pick" mode, lobby or between questions). */
  | { type: "player:team-pick"; playerId: string; team: number }
  /**
   * Self-paced rooms only (self-paced.ts): the attempt's player is done with coding round
   * `questionIndex` and closes it now, exactly as its clock running out would.
   */
  | { type: "player:close-round"; playerId: string; questionIndex: number }
  /** Scheduled: the answering window of `questionIndex` closed. */
  | { type: "timer:question-ended"; questionIndex: number }
  /** Scheduled: send the current answer count. */
  | { type: "timer:progress" }
  /** Scheduled, self-paced rooms: the reveal of `questionIndex` is over, open the next one. */
  | { type: "timer:advance"; questionIndex: number }
  /** Scheduled, self-paced rooms: the challenge's deadline passed. */
  | { type: "timer:deadline" };

/** What the host sees after the engine's work, carried out by server/ (RoomRuntime). */
export type Effect =
  /** Fire `event` at `at`; a later schedule with the same key replaces it. */
  | { type: "schedule"; key: TimerKey; at: number; event: EngineEvent }
  | { type: "cancel"; key: TimerKey }
  /** Must succeed before the state is committed and the request acknowledged. */
  | { type: "persist"; op: PersistOp }
  /**
   * The room's public view changed: send it out. `ownViews` names the players whose own view
   * (PlayerView) changed too ("all" at a reveal or the podium); the rest get the room view only,
   * so a phase change costs each player one frame, not two.
   */
  | { type: "publish"; ownViews?: "all" | string[] }
  /** The lobby's player list changed (sent on a throttle, not per join). */
  | { type: "lobby" }
  /** Send the answer count of the current question to the host (players count down by the clock). */
  | { type: "progress"; answered: number; connected: number; offline: number }
  /** Tell one player they were removed and disconnect them. */
  | { type: "kick"; playerId: string };

export type TimerKey = "question" | "progress" | "auto-advance" | "deadline";

export type PersistOp =
  | {
      kind: "player-joined";
      playerId: string;
      nickname: string;
      userId: string | null;
      candidateId?: string;
      at: number;
    }
  | { kind: "player-kicked"; playerId: string; at: number }
  /** The host hid (a number) or showed again (null) this player's nickname. */
  | { kind: "player-hidden"; playerId: string; hiddenAs: number | null }
  | { kind: "game-started"; at: number }
  /**
   * A self-paced room showed question `questionIndex` (self-paced.ts): a room lost with its
   * process is rebuilt from the question after it (lib/game/self-paced-resume.ts).
   */
  | { kind: "question-shown"; questionIndex: number }
  | { kind: "answer"; record: AnswerRecord }
  | {
      kind: "game-finished";
      at: number;
      results: FinalResult[];
      /** Team mode only: the teams' final standings (empty teams left out). */
      teamResults?: FinalTeamResult[];
    }
  | {
      kind: "submission";
      questionIndex: number;
      variant: "scratch" | "shrink";
      playerId: string;
      submission: StoredSubmission;
      at: number;
    }
  | {
      kind: "coding-round-closed";
      questionIndex: number;
      results: {
        playerId: string;
        submissionId: string;
        rank: number;
        points: number;
        /** Met the round's task (floor, and the size cap in a shrink round). */
        aboveFloor: boolean;
      }[];
    };

/** What the engine needs to know of an uploaded model (the bytes go to storage, not to state). */
export interface StoredSubmission {
  id: string;
  sha256: string;
  sizeBytes: number;
  parameters: number;
  /** The artifact as uploaded (JSON body); persisted with the submission, never kept in state. */
  body: Uint8Array;
  /** Short description for boards, e.g. "Dense(32) > Dense(10)". */
  summary: string;
}

export interface CodingBaseline {
  publicAccuracy: number;
  privateAccuracy: number;
  /** By the size rule (lib/model/size.ts): a shrink-round model may be at most half of it. */
  sizeBytes: number;
}

/** One evaluated submission in the current coding round. */
export interface CodingEntry {
  submissionId: string;
  playerId: string;
  publicAccuracy: number;
  privateAccuracy: number;
  sizeBytes: number;
  submittedAt: number;
}

export interface CodingPlayerState {
  submitted: number;
  /** Stored but not yet evaluated. */
  pending: number;
  entries: CodingEntry[];
  /** Set when the round closes. */
  result: {
    submissionId: string;
    rank: number;
    /** Met the round's task (see RankedEntry.aboveFloor). */
    aboveFloor: boolean;
    tooLarge: boolean;
    points: number;
  } | null;
}

export interface FinalResult {
  playerId: string;
  nickname: string;
  rank: number;
  score: number;
  correctCount: number;
  answeredCount: number;
  /** The team the player finished on (team mode only). */
  team?: number;
}

export interface FinalTeamResult {
  team: number;
  color: TeamColor;
  name: string | null;
  members: number;
  /** Mean of the members' scores, to one decimal (teams.ts). */
  score: number;
  rank: number;
}

export interface BatchedAnswer {
  playerId: string;
  questionIndex: number;
  answer: Answer;
  receivedAt: number;
}

export interface BatchedJoin {
  playerId: string;
  nickname: string;
  userId: string | null;
  candidateId?: string;
  receivedAt: number;
}

/** One event's outcome within a batch step (player:answers, player:joins), in arrival order. */
export type AnswerVerdict = { ok: true } | { ok: false; error: ErrorCode };

/** A phase change several events lead to; callers add their own effects, then accept it. */
export type Transition = { state: RoomState; effects: Effect[] };

export type StepResult =
  | {
      ok: true;
      state: RoomState;
      effects: Effect[];
      /** player:answers and player:joins only: one per answer or join, in order. */
      verdicts?: AnswerVerdict[];
    }
  | { ok: false; error: ErrorCode };
