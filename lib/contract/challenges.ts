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
});
export type ChallengePageView = z.infer<typeof ChallengePageSchema>;

export const StartedAttemptSchema = z.object({
  attempt: AttemptViewSchema,
  /** The player token: present it to room:resume to play (and again after a reload). */
  token: z.string(),
  playerId: z.string(),
});
export type StartedAttempt = z.infer<typeof StartedAttemptSchema>;
