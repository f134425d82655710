import type { RoomSettings } from "@/lib/contract/schemas";
import type { PlacedCodingRound } from "@/lib/coding/round";
import type { Question } from "@/lib/questions/schema";
import type { StoredAttempt } from "@/lib/game/self-paced-resume";
import type { FinalResult } from "@/lib/game/types";

/** A self-paced challenge as stored (prisma `Challenge`). */
export interface ChallengeRecord {
  id: string;
  ownerId: string;
  eventId: string | null;
  title: string;
  questionSetId: string;
  questionSetIds: string[];
  /** Every attempt plays these, in this order (options already in their chosen order). */
  questions: { id: string; question: Question }[];
  selection: unknown;
  settings: RoomSettings;
  codingRounds: PlacedCodingRound[];
  opensAt: Date;
  deadline: Date;
  createdAt: Date;
}

export type NewChallenge = Omit<ChallengeRecord, "id" | "createdAt">;

/** One attempt with what its page needs: its room's state and the player's own result. */
export interface AttemptRecord {
  id: string;
  challengeId: string;
  roomId: string;
  roomCode: string;
  roomStatus: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED";
  playerId: string;
  startedAt: Date;
  /** The final result, or (an attempt the deadline cut short) the sum of its stored answers. */
  result: { score: number; correctCount: number; answeredCount: number } | null;
}

/** The participant already has an attempt at this challenge (unique per challenge). */
export class AttemptExistsError extends Error {
  constructor() {
    super("attempt exists");
  }
}

/** One of an owner's challenges with how many attempts it has had. */
export interface OwnedChallengeRecord {
  challenge: ChallengeRecord;
  attemptsStarted: number;
  /** Attempts whose room reached its end (the deadline's own end included). */
  attemptsFinished: number;
}

/** One attempt as the challenge's owner reads it: who, when, how far, what it scored. */
export interface OwnerAttemptRecord {
  id: string;
  /** The account's name, or the event candidate's registered name. */
  name: string;
  kind: "user" | "candidate";
  startedAt: Date;
  roomStatus: AttemptRecord["roomStatus"];
  roomEndedAt: Date | null;
  result: AttemptRecord["result"];
  /** Every model the attempt submitted, oldest first. */
  submissions: {
    questionIndex: number;
    final: boolean;
    publicAccuracy: number | null;
    privateAccuracy: number | null;
    sizeBytes: number;
    points: number | null;
    metTarget: boolean | null;
  }[];
}

export interface ChallengeRepository {
  create(input: NewChallenge): Promise<ChallengeRecord>;
  get(id: string): Promise<ChallengeRecord | null>;
  attemptOf(challengeId: string, participantKey: string): Promise<AttemptRecord | null>;
  /** Throws AttemptExistsError when the participant has one already. */
  createAttempt(input: {
    challengeId: string;
    participantKey: string;
    userId: string | null;
    candidateId: string | null;
    roomId: string;
    playerId: string;
  }): Promise<void>;
  /** The owner's challenges, newest first, at most `limit`. */
  listOwned(ownerId: string, limit: number): Promise<OwnedChallengeRecord[]>;
  /** Every attempt at the challenge (the caller checks that it may read them). */
  attemptsAt(challengeId: string): Promise<OwnerAttemptRecord[]>;
  /** Removes a room nobody played (a start that lost the race to the participant's other tab). */
  discardEmptyRoom(roomId: string): Promise<void>;
  /** What Postgres holds of an attempt whose room was lost; null if its player was never seated. */
  storedAttempt(roomId: string): Promise<StoredAttempt | null>;
  /** The lost room goes on: LOBBY or RUNNING again. False: it finished meanwhile. */
  reopenRoom(roomId: string, status: "LOBBY" | "RUNNING"): Promise<boolean>;
  /** The lost room closes FINISHED with these results. False: it finished already. */
  closeRoom(roomId: string, at: Date, results: readonly FinalResult[]): Promise<boolean>;
}
