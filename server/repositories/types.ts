import type { ChallengeRepository } from "./challenge-types";
import type { EventRepository } from "./event-types";
import type { BoardRepository } from "./prisma-boards";
import type { Question, QuestionSet } from "@/lib/questions/schema";
import type {
  QuestionSetDraft,
  SetLanguage,
  SetQuestion,
  SetText,
  Visibility,
} from "@/lib/question-sets/schema";
import type { PoolQuestion } from "@/lib/question-sets/selection";
import type { RoomSettings } from "@/lib/contract/schemas";
import type { AnswerRecord, FinalResult, FinalTeamResult } from "@/lib/game/types";
import type { BestModelRow, RoomResults } from "@/lib/contract/results";
import type { OwnSubmissionView } from "@/lib/contract/http";
import type { Role } from "@/lib/accounts/roles";
import type { AccountRepository } from "./account-types";

/**
 * Storage behind small interfaces: the room runtime and HTTP handlers depend on these, Prisma
 * implements them (prisma-*.ts), tests may pass fakes.
 */

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  /** Null for an account that only signs in through an OAuth provider: no password opens it. */
  passwordHash: string | null;
  role: Role;
}

export interface UserRepository {
  /**
   * A plain insert (tests and seeds): `role` defaults to PLAYER. Sign-up goes through
   * AccountRepository.signUp, which decides the role (first account ADMIN) under a lock.
   * Throws EmailTakenError when the email exists.
   */
  create(input: {
    email: string;
    name: string;
    passwordHash: string;
    role?: Role;
  }): Promise<UserRecord>;
  findByEmail(email: string): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** Replaces a stored hash (a legacy bcrypt hash rehashed to argon2 after a sign-in). */
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
}

export class EmailTakenError extends Error {
  constructor() {
    super("EMAIL_TAKEN");
    this.name = "EmailTakenError";
  }
}

export interface StoredQuestion {
  id: string;
  question: Question;
}

export interface QuestionSetSummary {
  id: string;
  slug: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  questionCount: number;
  builtIn: boolean;
}

/** A host's set (or the built-in bank) as stored, without its questions. */
export interface QuestionSetRecord {
  id: string;
  slug: string;
  title: SetText;
  description: SetText;
  language: SetLanguage;
  tags: string[];
  visibility: Visibility;
  source: string;
  builtIn: boolean;
  ownerId: string | null;
  copiedFromId: string | null;
  /** Bumped by every edit: an editor saves against the revision it loaded. */
  revision: number;
  questionCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuestionSetWithQuestions extends QuestionSetRecord {
  /** In play order; `id` is the stored row (the version a room would play). */
  questions: { id: string; question: SetQuestion }[];
}

/**
 * Why a set request was refused. NOT_FOUND also covers a set the caller may not see (a private
 * set of someone else, a deleted set), so its existence does not leak. FORBIDDEN: a set the
 * caller sees but does not own; READ_ONLY: the built-in bank (duplicate it to edit);
 * STALE_REVISION: someone saved the set since the caller loaded it.
 */
export type SetRefusal = "NOT_FOUND" | "FORBIDDEN" | "READ_ONLY" | "STALE_REVISION";
export type SetOutcome<T> = { ok: true; data: T } | { ok: false; error: SetRefusal };

export interface QuestionSetRepository {
  /**
   * Inserts or updates a built-in set by slug and its questions by (set, question id); questions
   * that left the bank are kept (old answers reference them) but moved out of play order.
   * Idempotent: seeding twice changes nothing the second time.
   */
  upsertBuiltIn(set: QuestionSet): Promise<{ setId: string; created: number; updated: number }>;
  /** The built-in sets (what a room can be made from by slug). */
  list(): Promise<QuestionSetSummary[]>;
  /** A built-in set's questions in play order; null when no built-in set has this slug. */
  getBySlug(slug: string): Promise<{ id: string; questions: StoredQuestion[] } | null>;

  /** A new set owned by `ownerId`, questions and all, in one transaction (an import is one). */
  create(
    ownerId: string,
    draft: QuestionSetDraft,
    visibility?: Visibility,
  ): Promise<QuestionSetRecord>;
  /** Null when it does not exist or `viewerId` may not see it (404, never 403). */
  get(id: string, viewerId: string | null): Promise<QuestionSetWithQuestions | null>;
  /** The titles of `ownerId`'s own sets (not hidden ones): an import picks a title apart from them. */
  ownTitles(ownerId: string): Promise<SetText[]>;
  /** The viewer's own sets and every public one (built-in first); unlisted sets of others never. */
  listVisible(
    viewerId: string | null,
    options?: { mine?: boolean; limit?: number; offset?: number },
  ): Promise<QuestionSetRecord[]>;
  /** Owner only. Questions a room has played are never changed in place (copy-on-write). */
  update(
    id: string,
    viewerId: string,
    input: { draft: QuestionSetDraft; visibility?: Visibility; expectedRevision?: number },
  ): Promise<SetOutcome<QuestionSetRecord>>;
  /** A private copy for `viewerId` of a set they can see (the built-in bank included). */
  duplicate(id: string, viewerId: string): Promise<SetOutcome<QuestionSetRecord>>;
  /** Owner only. A set a room has played is hidden (its rows stay for the rooms), else removed. */
  delete(id: string, viewerId: string): Promise<SetOutcome<{ hidden: boolean }>>;
  /**
   * The current questions of the given sets for a room, if the viewer may see every one of them;
   * `missing` names the first set that is not found or not visible.
   */
  pool(
    setIds: readonly string[],
    viewerId: string,
  ): Promise<{ ok: true; pool: PoolQuestion[] } | { ok: false; missing: string }>;
}

export interface RoomRepository {
  /** Throws RoomCodeTakenError when the code exists (caller retries with a new code). */
  create(input: {
    code: string;
    hostId: string;
    questionSetId: string;
    settings: RoomSettings;
    questionIds: string[];
    /** Further sets the questions come from (questionSetId is always one of the room's sets). */
    questionSetIds?: string[];
    /** The host's selection and its resolved option orders (lib/question-sets/selection.ts). */
    selection?: unknown;
    /** The event the room runs under (checked by server/events/event-rooms.ts first). */
    eventId?: string;
  }): Promise<{ id: string }>;
  /**
   * Throws NicknameTakenError, or CandidateInRoomError when this event candidate already has a
   * seat in the room (they take it back with their player token instead).
   */
  addPlayer(input: { roomId: string } & NewPlayer): Promise<void>;
  /** A burst of joins in one write; throws PlayersClashError (nothing written) on any clash. */
  addPlayers(roomId: string, players: readonly NewPlayer[]): Promise<void>;
  markKicked(playerId: string, at: Date): Promise<void>;
  /** The host hid this player's nickname (shown as "Player N"), or showed it again (null). */
  setHiddenName(playerId: string, hiddenAs: number | null): Promise<void>;
  markStarted(roomId: string, at: Date): Promise<void>;
  /** A challenge attempt's room showed this question (kept as the attempt's questionsShown). */
  markQuestionShown(roomId: string, questionIndex: number): Promise<void>;
  /** The write that must succeed before an answer is acknowledged. Unique per (player, question). */
  saveAnswer(roomId: string, record: AnswerRecord): Promise<void>;
  /** Several answers in one statement, all or none (group commit under load). */
  saveAnswers(roomId: string, records: readonly AnswerRecord[]): Promise<void>;
  /** Stores final results (and team mode's team results) and marks the room FINISHED, atomically. */
  finish(
    roomId: string,
    at: Date,
    results: FinalResult[],
    teamResults?: readonly FinalTeamResult[],
  ): Promise<void>;
  /** The results page's read: from the database, never from memory. */
  getResults(code: string): Promise<RoomResults | null>;
  /**
   * Closes rooms still LOBBY or RUNNING that no node will drive again (the process stopped, or
   * the room sat idle): each becomes ABORTED with its answers kept and its standings so far
   * (quiz points from the stored answers) written as results. A room that finished meanwhile is
   * left alone. Returns the codes it closed.
   */
  abortUnfinished(input: {
    at: Date;
    /** Only these rooms (a live room closed by the idle sweep). */
    roomIds?: readonly string[];
    /** Never these (rooms live in the shared store). */
    exceptCodes?: readonly string[];
    /** Only rooms created before this (one being created right now is not an orphan yet). */
    createdBefore?: Date;
  }): Promise<string[]>;
}

export class RoomCodeTakenError extends Error {
  constructor() {
    super("ROOM_CODE_TAKEN");
    this.name = "RoomCodeTakenError";
  }
}

export type EvaluationOutcome =
  | {
      ok: true;
      publicAccuracy: number;
      privateAccuracy: number;
      evaluatorVersion: string;
      ms: number;
    }
  | { ok: false; code: string; detail: string; evaluatorVersion: string; ms: number };

export interface StoredSubmissionRow {
  id: string;
  roomCode: string;
  /** The room's host, who may re-score it. */
  hostId: string;
  playerId: string;
  nickname: string;
  questionIndex: number;
  variant: string;
  body: Uint8Array;
  sha256: string;
  sizeBytes: number;
  parameters: number;
  summary: string;
  status: "PENDING" | "SCORED" | "REJECTED";
  evaluatorVersion: string | null;
  publicAccuracy: number | null;
  privateAccuracy: number | null;
  rejectionCode: string | null;
  rejectionDetail: string | null;
  createdAt: Date;
}

export interface SubmissionRepository {
  /** The write that must succeed before an upload is acknowledged. */
  create(input: {
    id: string;
    roomId: string;
    playerId: string;
    questionIndex: number;
    variant: string;
    body: Uint8Array;
    sha256: string;
    sizeBytes: number;
    parameters: number;
    summary: string;
    at: Date;
  }): Promise<void>;
  saveEvaluation(id: string, outcome: EvaluationOutcome, at: Date): Promise<void>;
  /** The closed round's standings: `aboveFloor` = met the round's task (stored as metTarget). */
  markFinal(
    roomId: string,
    questionIndex: number,
    results: { submissionId: string; rank: number; points: number; aboveFloor: boolean }[],
  ): Promise<void>;
  get(id: string): Promise<StoredSubmissionRow | null>;
  /** Scored submissions of one round of one room, newest first. */
  listForRound(roomCode: string, questionIndex: number): Promise<StoredSubmissionRow[]>;
  /** One player's own submissions to one round, newest first, without their bytes. */
  listOwn(roomCode: string, playerId: string, questionIndex: number): Promise<OwnSubmissionView[]>;
  /**
   * The persistent per-variant board: the final models of CLOSED rounds that met their own
   * round's task, best accuracy per KB first; room codes only of finished rooms.
   */
  bestModels(variant: string, limit: number): Promise<BestModelRow[]>;
}

export interface Repositories {
  users: UserRepository;
  /** Roles, OAuth identities, profiles, guest claims, export and deletion (account-types.ts). */
  accounts: AccountRepository;
  questionSets: QuestionSetRepository;
  rooms: RoomRepository;
  submissions: SubmissionRepository;
  events: EventRepository;
  /** Persistent boards (server/repositories/prisma-boards.ts). */
  boards: BoardRepository;
  /** Self-paced challenges and their attempts (challenge-types.ts). */
  challenges: ChallengeRepository;
}

/** A player already has an answer stored for this question (unique per player and question). */
export class AnswerExistsError extends Error {
  constructor() {
    super("ANSWER_EXISTS");
    this.name = "AnswerExistsError";
  }
}

/** A player's row as a join writes it. */
export interface NewPlayer {
  playerId: string;
  nickname: string;
  userId: string | null;
  candidateId?: string | null;
  at: Date;
}

/** The nickname is already used in this room (kicked players keep theirs). */
export class NicknameTakenError extends Error {
  constructor() {
    super("NICKNAME_TAKEN");
    this.name = "NicknameTakenError";
  }
}

/**
 * One of a burst of new players clashes with a row (a nickname or a candidate's seat taken):
 * none was written, and each join is retried on its own for its own verdict.
 */
export class PlayersClashError extends Error {
  constructor() {
    super("PLAYERS_CLASH");
    this.name = "PlayersClashError";
  }
}

/** An event candidate joining a room where they already have a seat. */
export class CandidateInRoomError extends Error {
  constructor() {
    super("CANDIDATE_IN_ROOM");
    this.name = "CandidateInRoomError";
  }
}
