import { z } from "zod";
import { CodingRoundSettingsSchema } from "../coding/round";
import { plainText } from "../question-sets/schema";
import { isRole, may } from "../accounts/roles";

/**
 * Events: a hiring event or a study session an organiser runs. Candidates register through an
 * invite link with the identity the event asks for, accept its terms, and play its rooms. The
 * rules here are pure; server/events applies them to the database.
 */

export const EVENT_LIMITS = {
  name: 120,
  description: 2_000,
  terms: 5_000,
  sets: 20,
  inviteLabel: 80,
  candidateName: 80,
  /** The longest an event may run, and the longest an invite link may stay valid. */
  windowDays: 366,
  inviteDays: 90,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export const CANDIDATE_IDENTITIES = ["NAME_EMAIL", "ACCOUNT"] as const;
export const CandidateIdentitySchema = z.enum(CANDIDATE_IDENTITIES);
export type CandidateIdentity = z.infer<typeof CandidateIdentitySchema>;

export const CANDIDATE_VIEWS = ["NOTHING", "OWN_RESULTS", "OWN_AND_BOARD"] as const;
export const CandidateViewSchema = z.enum(CANDIDATE_VIEWS);
export type CandidateView = z.infer<typeof CandidateViewSchema>;

/** Set ids and event ids are Prisma cuids. */
export const EventIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);

const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** The coding round an event's rooms include, or null for a quiz-only event. */
export const EventCodingSchema = CodingRoundSettingsSchema.nullable();

export const EventDraftSchema = z
  .strictObject({
    name: plainText(EVENT_LIMITS.name),
    description: z.string().trim().max(EVENT_LIMITS.description).default(""),
    startsAt: isoDate,
    endsAt: isoDate,
    identity: CandidateIdentitySchema.default("NAME_EMAIL"),
    afterwards: CandidateViewSchema.default("OWN_RESULTS"),
    terms: plainText(EVENT_LIMITS.terms),
    setIds: z
      .array(EventIdSchema)
      .max(EVENT_LIMITS.sets)
      .refine((ids) => new Set(ids).size === ids.length, "a set is listed twice")
      .default([]),
    coding: EventCodingSchema.default(null),
  })
  .superRefine((draft, ctx) => {
    const span = draft.endsAt.getTime() - draft.startsAt.getTime();
    if (span <= 0) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must be after the start" });
    } else if (span > EVENT_LIMITS.windowDays * DAY_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: `an event runs at most ${EVENT_LIMITS.windowDays} days`,
      });
    }
  });
export type EventDraft = z.output<typeof EventDraftSchema>;
export type EventDraftInput = z.input<typeof EventDraftSchema>;

export const CreateInviteSchema = z.strictObject({
  label: z.string().trim().max(EVENT_LIMITS.inviteLabel).default(""),
  /** How long the link stays valid from now; it never outlives the event. */
  validHours: z
    .number()
    .int()
    .min(1)
    .max(EVENT_LIMITS.inviteDays * 24),
});

/**
 * What a candidate sends to register. For a NAME_EMAIL event, name and email; for an ACCOUNT
 * event, nothing but the acceptance: the name and email come from the verified session.
 */
export const RegisterSchema = z.strictObject({
  invite: z.string().min(20).max(200),
  acceptTerms: z.literal(true, { error: "the event's terms must be accepted" }),
  name: plainText(EVENT_LIMITS.candidateName).optional(),
  email: z.string().trim().toLowerCase().email().max(200).optional(),
});
export type RegisterInput = z.infer<typeof RegisterSchema>;

/** An invite's end: its own expiry, capped by the event's end. */
export function inviteExpiry(now: Date, validHours: number, eventEndsAt: Date): Date {
  const own = now.getTime() + validHours * 60 * 60 * 1000;
  return new Date(Math.min(own, eventEndsAt.getTime()));
}

export type InviteRefusal =
  "INVITE_NOT_FOUND" | "INVITE_EXPIRED" | "INVITE_REVOKED" | "INVITE_WRONG_EVENT" | "EVENT_CLOSED";

/**
 * Whether an invite admits a registration for `eventId` at `now`. Checked in this order so the
 * message is the most useful one: a revoked link says so even after it would have expired.
 */
export function checkInvite(
  invite: { eventId: string; expiresAt: Date; revokedAt: Date | null } | null,
  event: { id: string; startsAt: Date; endsAt: Date },
  now: Date,
): InviteRefusal | null {
  if (!invite) return "INVITE_NOT_FOUND";
  if (invite.eventId !== event.id) return "INVITE_WRONG_EVENT";
  if (invite.revokedAt) return "INVITE_REVOKED";
  if (now >= invite.expiresAt) return "INVITE_EXPIRED";
  if (now >= event.endsAt) return "EVENT_CLOSED";
  return null;
}

/** Which roles may create and run events (the role list is lib/accounts' one). */
export function canOrganise(role: string): boolean {
  return isRole(role) && may(role, "organise");
}
