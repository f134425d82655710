import { z } from "zod";
import { CHALLENGE_LIMITS } from "../challenges/rules";
import { PlacedCodingRoundSchema } from "../coding/round";
import { EventIdSchema } from "../events/schema";
import { plainText } from "../question-sets/schema";
import { RoomSelectionSchema } from "./schemas";

/**
 * The self-paced challenges HTTP API (app/api/challenges/*, lib/challenges/rules.ts). A challenge
 * the caller may not see is answered 404 (CHALLENGE_NOT_FOUND), as one that does not exist.
 * Identity is the session cookie, or for an event's challenge the candidate token
 * (Authorization: Bearer), never a field of the body.
 *
 *   POST /api/challenges                   CreateChallenge -> ChallengeView (201)
 *   GET  /api/challenges/:id               -> ChallengePageView (the challenge, my attempt)
 *   POST /api/challenges/:id/attempt       -> StartedAttempt (start, or resume the one attempt)
 *   GET  /api/challenges                   -> OwnedChallengesView (the caller's own challenges)
 *   GET  /api/challenges/:id/attempts      -> ChallengeAttemptsView (its owner only)
 *
 * The two owner reads answer 401 (UNAUTHENTICATED) without a session, before any look-up, and a
 * challenge of someone else's is CHALLENGE_NOT_FOUND, as one that does not exist.
 */

const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const CreateChallengeSchema = z.strictObject({
  title: plainText(CHALLENGE_LIMITS.title),
  /** Chosen once, here, with the room set-up's selection: every attempt plays the same questions. */
  selection: RoomSelectionSchema,
  codingRounds: z.array(PlacedCodingRoundSchema).max(5).default([]),
  /** Replaces every question's own time limit, as the room set-up's override does. */
  timePerQuestionSec: z.number().int().min(5).max(240).default(20),
  scoring: z.enum(["speed", "accuracy"]).default("speed"),
  opensAt: isoDate,
  deadline: isoDate,
  /** Under this event (its organiser only, from its own sets): its candidates take it. */
  eventId: EventIdSchema.optional(),
});
export type CreateChallengeInput = z.input<typeof CreateChallengeSchema>;

export const ChallengeViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  eventId: z.string().nullable(),
  questionCount: z.number().int().nonnegative(),
  codingRoundCount: z.number().int().nonnegative(),
  timePerQuestionSec: z.number().int(),
  opensAt: z.iso.datetime(),
  deadline: z.iso.datetime(),
  window: z.enum(["not-open", "open", "closed"]),
});
export type ChallengeView = z.infer<typeof ChallengeViewSchema>;

export const AttemptViewSchema = z.object({
  id: z.string(),
  status: z.enum(["ready", "playing", "finished", "closed"]),
  roomCode: z.string(),
  startedAt: z.iso.datetime(),
  /** Own result once the attempt is over (finished, or closed by the deadline). */
  result: z
    .object({
      score: z.number(),
      correctCount: z.number().int(),
      answeredCount: z.number().int(),
    })
    .nullable(),
});
export type AttemptView = z.infer<typeof AttemptViewSchema>;

export const ChallengePageSchema = z.object({
  challenge: ChallengeViewSchema,
  /** The caller's own attempt (never anyone else's), or null. */
  attempt: AttemptViewSchema.nullable(),
  /** The caller created this challenge: the page also shows everyone's attempts to them. */
  isOwner: z.boolean(),
});
export type ChallengePageView = z.infer<typeof ChallengePageSchema>;

export const StartedAttemptSchema = z.object({
  attempt: AttemptViewSchema,
  /** The player token: present it to room:resume to play (and again after a reload). */
  token: z.string(),
  playerId: z.string(),
});
export type StartedAttempt = z.infer<typeof StartedAttemptSchema>;

/** One of the caller's own challenges, for their list (/challenges). */
export const OwnedChallengeSchema = ChallengeViewSchema.extend({
  createdAt: z.iso.datetime(),
  attemptsStarted: z.number().int().nonnegative(),
  attemptsFinished: z.number().int().nonnegative(),
});
export type OwnedChallenge = z.infer<typeof OwnedChallengeSchema>;

export const OwnedChallengesSchema = z.object({
  /** Newest first. */
  challenges: z.array(OwnedChallengeSchema),
});
export type OwnedChallengesView = z.infer<typeof OwnedChallengesSchema>;

/** A coding round's model in one attempt: the final one once the round closed. */
export const AttemptModelSchema = z.object({
  /** The round's place in the attempt's sequence (its question index). */
  questionIndex: z.number().int().nonnegative(),
  submissions: z.number().int().nonnegative(),
  /** The round has closed and this was the player's ranked model; null until then, or none. */
  final: z
    .object({
      publicAccuracy: z.number().nullable(),
      privateAccuracy: z.number().nullable(),
      sizeBytes: z.number().int(),
      points: z.number().nullable(),
      metTarget: z.boolean().nullable(),
    })
    .nullable(),
});
export type AttemptModel = z.infer<typeof AttemptModelSchema>;

/** Everyone's attempt at one challenge, as its owner sees them. */
export const OwnerAttemptSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** "user" (a signed-in account) or "candidate" (an event's registered candidate). */
  kind: z.enum(["user", "candidate"]),
  status: z.enum(["in-progress", "finished", "expired"]),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** Points so far (an attempt in progress) or final; null with nothing answered yet. */
  score: z.number().nullable(),
  correctCount: z.number().int().nullable(),
  answeredCount: z.number().int().nullable(),
  /** Among this challenge's attempts, by score (ties share a rank); null with no score. */
  rank: z.number().int().nullable(),
  /** One per coding round of the challenge, in order. */
  models: z.array(AttemptModelSchema),
});
export type OwnerAttempt = z.infer<typeof OwnerAttemptSchema>;

export const ChallengeAttemptsSchema = z.object({
  challenge: ChallengeViewSchema,
  /** Best rank first; attempts without a score last, newest first among them. */
  attempts: z.array(OwnerAttemptSchema),
});
export type ChallengeAttemptsView = z.infer<typeof ChallengeAttemptsSchema>;
