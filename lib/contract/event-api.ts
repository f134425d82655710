import { z } from "zod";
import type { CodingRoundSettings } from "../coding/round";
import {
  CreateInviteSchema,
  EventDraftSchema,
  RegisterSchema,
  type CandidateIdentity,
  type CandidateView,
} from "../events/schema";
import type { ErrorCode } from "./errors";

/**
 * The events HTTP API (app/api/events/*). Organiser routes answer 404 for an event that is not the
 * caller's own, exactly as for one that does not exist. Responses are `{ ok: true, data }` or
 * `{ ok: false, error, issues? }`.
 *
 *   GET    /api/events                                  -> EventView[]          (own events)
 *   POST   /api/events                                  EventDraft -> EventView (201)
 *   GET    /api/events/:id                              -> EventDetailView
 *   PUT    /api/events/:id                              EventDraft -> EventView
 *   POST   /api/events/:id/invites                      CreateInvite -> CreatedInvite (201)
 *   DELETE /api/events/:id/invites/:inviteId            -> InviteView (revoked)
 *   POST   /api/events/:id/publish                      { published } -> EventView
 *   GET    /api/events/:id/dashboard                    -> DashboardView
 *   GET    /api/events/:id/candidates/:candidateId      -> CandidateDetailView
 *   GET    /api/events/:id/export?format=csv|json       -> the file (attachment)
 *   POST   /api/events/:id/lookup                       { invite } -> PublicEventView (anyone)
 *   POST   /api/events/:id/register                     Register -> Registration (201)
 *   GET    /api/events/:id/me   (Bearer candidate token) -> CandidateSelfView
 */

export const EventBodySchema = EventDraftSchema;
export const CreateInviteBodySchema = CreateInviteSchema;
export const RegisterBodySchema = RegisterSchema;
export const LookupBodySchema = z.strictObject({ invite: z.string().min(20).max(200) });
export const PublishBodySchema = z.strictObject({ published: z.boolean() });
export const ExportQuerySchema = z.object({ format: z.enum(["csv", "json"]).default("csv") });

export interface EventSetView {
  id: string;
  title: { zh?: string; en?: string };
}

export interface EventView {
  id: string;
  name: string;
  description: string;
  startsAt: string;
  endsAt: string;
  identity: CandidateIdentity;
  afterwards: CandidateView;
  terms: string;
  coding: CodingRoundSettings | null;
  sets: EventSetView[];
  publishedAt: string | null;
  candidateCount: number;
  roomCount: number;
  createdAt: string;
}

export type InviteStatus = "active" | "expired" | "revoked";

export interface InviteView {
  id: string;
  label: string;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  status: InviteStatus;
  registrations: number;
}

export interface EventDetailView extends EventView {
  invites: InviteView[];
  rooms: EventRoomView[];
}

export interface EventRoomView {
  code: string;
  status: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED";
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  players: number;
}

/**
 * The invite link's secret is shown once, here: only its hash is stored. It travels in the URL's
 * fragment (`/events/:id/register#<secret>`), which browsers never send to a server or a log.
 */
export interface CreatedInvite {
  invite: InviteView;
  secret: string;
  path: string;
}

/** What an invite link shows before registering: no candidate or organiser contact data. */
export interface PublicEventView {
  id: string;
  name: string;
  description: string;
  startsAt: string;
  endsAt: string;
  identity: CandidateIdentity;
  terms: string;
  organiserName: string;
}

export interface Registration {
  candidateId: string;
  name: string;
  /** Kept by the candidate's browser: it joins the event's rooms and opens their own results. */
  candidateToken: string;
  expiresAt: string;
}

export interface TopicScore {
  topic: string;
  points: number;
  correct: number;
  answered: number;
}

export interface CodingSummary {
  roomCode: string;
  variant: string;
  submissions: number;
  /** The round's representative model, once the round closed (private accuracy is known then). */
  final: {
    sizeBytes: number;
    parameters: number;
    publicAccuracy: number | null;
    privateAccuracy: number | null;
    points: number | null;
    metTarget: boolean | null;
    summary: string;
  } | null;
}

export interface CandidateSummary {
  id: string;
  name: string;
  email: string;
  registeredAt: string;
  /** Shared on ties (1, 1, 3), over candidates who played; null before they play. */
  rank: number | null;
  score: number;
  correct: number;
  answered: number;
  /** Mean time to answer, ms, over answered questions. */
  meanAnswerMs: number | null;
  topics: TopicScore[];
  coding: CodingSummary[];
}

export interface DashboardView {
  event: EventView;
  topics: string[];
  candidates: CandidateSummary[];
}

export interface AnswerDetail {
  roomCode: string;
  questionIndex: number;
  topic: string;
  type: string;
  prompt: { zh?: string; en?: string };
  correctness: number;
  points: number;
  elapsedMs: number;
  receivedAt: string;
}

export interface SubmissionDetail {
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
  createdAt: string;
}

export interface CandidateDetailView {
  candidate: CandidateSummary;
  answers: AnswerDetail[];
  submissions: SubmissionDetail[];
}

/** A candidate's own view: what the event's `afterwards` setting allows, nothing of anyone else. */
export interface CandidateSelfView {
  event: PublicEventView;
  afterwards: CandidateView;
  me: CandidateDetailView | null;
  board: { rank: number | null; name: string; score: number }[] | null;
}

export type EventApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ErrorCode; issues?: { path: string; message: string }[] };
