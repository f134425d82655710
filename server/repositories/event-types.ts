import type { CodingRoundSettings } from "@/lib/coding/round";
import type { CandidateIdentity, CandidateView, EventDraft } from "@/lib/events/schema";

/** An event as stored, with what its lists need. */
export interface EventRecord {
  id: string;
  organiserId: string;
  organiserName: string;
  name: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  identity: CandidateIdentity;
  afterwards: CandidateView;
  terms: string;
  coding: CodingRoundSettings | null;
  sets: { id: string; title: { zh?: string; en?: string } }[];
  publishedAt: Date | null;
  candidateCount: number;
  roomCount: number;
  createdAt: Date;
}

export interface InviteRecord {
  id: string;
  eventId: string;
  label: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
  registrations: number;
}

export interface EventRoomRecord {
  code: string;
  status: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED";
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  players: number;
}

export interface RoomEventInfo {
  eventId: string;
  organiserId: string;
  startsAt: Date;
  endsAt: Date;
  publishedAt: Date | null;
}

export interface CandidateRecord {
  id: string;
  eventId: string;
  userId: string | null;
  name: string;
  email: string;
  createdAt: Date;
}

/** One candidate's answers on one topic, summed over the event's rooms. */
export interface TopicTotals {
  candidateId: string;
  topic: string;
  points: number;
  correct: number;
  answered: number;
  elapsedMs: number;
}

export interface CandidateAnswerRow {
  candidateId: string;
  roomCode: string;
  questionIndex: number;
  topic: string;
  type: string;
  body: unknown;
  correctness: number;
  points: number;
  elapsedMs: number;
  receivedAt: Date;
}

export interface CandidateSubmissionRow {
  candidateId: string;
  roomCode: string;
  questionIndex: number;
  variant: string;
  status: string;
  sizeBytes: number;
  parameters: number;
  summary: string;
  publicAccuracy: number | null;
  privateAccuracy: number | null;
  final: boolean;
  points: number | null;
  metTarget: boolean | null;
  createdAt: Date;
  /** The round has closed (a final model was chosen, or the room ended): private accuracy shows. */
  roundClosed: boolean;
}

export type RegisterOutcome =
  { ok: true; candidate: CandidateRecord } | { ok: false; error: "ALREADY_REGISTERED" };

export interface EventRepository {
  /** The caller's role, read fresh (a revoked role stops working at once). */
  roleOf(userId: string): Promise<string | null>;
  userIdentity(userId: string): Promise<{ name: string; email: string } | null>;
  /** Which of these sets the user may build an event on (own, public, unlisted, built-in). */
  usableSetIds(ids: readonly string[], userId: string): Promise<Set<string>>;
  create(organiserId: string, draft: EventDraft): Promise<EventRecord>;
  update(id: string, organiserId: string, draft: EventDraft): Promise<EventRecord | null>;
  listOwn(organiserId: string): Promise<EventRecord[]>;
  /** Any event by id (null when none): callers decide who may see it. */
  get(id: string): Promise<EventRecord | null>;
  setPublished(id: string, organiserId: string, at: Date | null): Promise<EventRecord | null>;
  listInvites(eventId: string): Promise<InviteRecord[]>;
  createInvite(
    eventId: string,
    input: { label: string; expiresAt: Date; tokenHash: string },
  ): Promise<InviteRecord>;
  revokeInvite(eventId: string, inviteId: string, at: Date): Promise<InviteRecord | null>;
  findInvite(tokenHash: string): Promise<InviteRecord | null>;
  listRooms(eventId: string): Promise<EventRoomRecord[]>;
  /** Null when no room has this code; else the event the room runs under (null: none). */
  roomEvent(code: string): Promise<{ event: RoomEventInfo | null } | null>;
  /** Whether all these sets are among the event's own. */
  eventHasSets(eventId: string, setIds: readonly string[]): Promise<boolean>;
  register(
    eventId: string,
    input: { inviteId: string; userId: string | null; name: string; email: string; at: Date },
  ): Promise<RegisterOutcome>;
  candidate(id: string): Promise<CandidateRecord | null>;
  candidates(eventId: string): Promise<CandidateRecord[]>;
  topicTotals(eventId: string, candidateId?: string): Promise<TopicTotals[]>;
  answers(eventId: string, candidateId?: string): Promise<CandidateAnswerRow[]>;
  submissions(eventId: string, candidateId?: string): Promise<CandidateSubmissionRow[]>;
}

export type { CandidateIdentity, CandidateView };
