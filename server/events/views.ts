import type {
  AnswerDetail,
  EventView,
  InviteView,
  PublicEventView,
  SubmissionDetail,
} from "@/lib/contract/event-api";
import type {
  CandidateAnswerRow,
  CandidateSubmissionRow,
  EventRecord,
  InviteRecord,
} from "../repositories/event-types";

/** Stored rows as the API's views (lib/contract/event-api.ts): dates as ISO strings. */

export function eventView(event: EventRecord): EventView {
  return {
    id: event.id,
    name: event.name,
    description: event.description,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    identity: event.identity,
    afterwards: event.afterwards,
    terms: event.terms,
    coding: event.coding,
    sets: event.sets,
    publishedAt: event.publishedAt?.toISOString() ?? null,
    candidateCount: event.candidateCount,
    roomCount: event.roomCount,
    createdAt: event.createdAt.toISOString(),
  };
}

export function publicEventView(event: EventRecord): PublicEventView {
  return {
    id: event.id,
    name: event.name,
    description: event.description,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    identity: event.identity,
    terms: event.terms,
    organiserName: event.organiserName,
  };
}

export function inviteView(invite: InviteRecord, now: Date): InviteView {
  return {
    id: invite.id,
    label: invite.label,
    expiresAt: invite.expiresAt.toISOString(),
    revokedAt: invite.revokedAt?.toISOString() ?? null,
    createdAt: invite.createdAt.toISOString(),
    status: invite.revokedAt ? "revoked" : now >= invite.expiresAt ? "expired" : "active",
    registrations: invite.registrations,
  };
}

export function answerDetail(row: CandidateAnswerRow): AnswerDetail {
  const prompt = (row.body as { prompt?: { zh?: string; en?: string } } | null)?.prompt ?? {};
  return {
    roomCode: row.roomCode,
    questionIndex: row.questionIndex,
    topic: row.topic,
    type: row.type,
    prompt: { zh: prompt.zh, en: prompt.en },
    correctness: row.correctness,
    points: row.points,
    elapsedMs: row.elapsedMs,
    receivedAt: row.receivedAt.toISOString(),
  };
}

/** Private accuracy stays hidden until the round closed: it decides the ranking. */
export function submissionDetail(row: CandidateSubmissionRow): SubmissionDetail {
  return {
    roomCode: row.roomCode,
    questionIndex: row.questionIndex,
    variant: row.variant,
    status: row.status,
    sizeBytes: row.sizeBytes,
    parameters: row.parameters,
    summary: row.summary,
    publicAccuracy: row.publicAccuracy,
    privateAccuracy: row.roundClosed ? row.privateAccuracy : null,
    final: row.final,
    points: row.points,
    createdAt: row.createdAt.toISOString(),
  };
}
