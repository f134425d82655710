import { z } from "zod";
import { EventIdSchema } from "../events/schema";
import { AnswerSchema } from "../questions/schema";
import { PlacedCodingRoundSchema } from "../coding/round";
import { SelectionSchema } from "../question-sets/selection";
import { normaliseNickname } from "../game/nickname-format";
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, ROOM_CODE_PATTERN } from "./room-code";
import { TeamSettingsSchema } from "./teams";

/** Every incoming Socket.IO payload and HTTP body has a schema here; types are `z.infer` of it. */

export { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH };
export const RoomCodeSchema = z.string().trim().toUpperCase().regex(ROOM_CODE_PATTERN);

export { NICKNAME_MAX } from "../game/nickname-format";
/** See lib/game/nickname.ts: NFKC, no invisible or direction-changing characters, 1-20 left. */
export const NicknameSchema = z.string().transform((raw, ctx) => {
  const result = normaliseNickname(raw);
  if (result.ok) return result.nickname;
  ctx.addIssue({ code: "custom", message: "nickname needs 1-20 visible characters" });
  return z.NEVER;
});

/**
 * Text that may reach Postgres: it refuses NUL in text (and jsonb), and no identifier or slug of
 * ours has a reason to carry any other control character either.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const noControl = (s: string) => !CONTROL.test(s);
const safeText = () => z.string().refine(noControl, "control characters are not allowed");

/**
 * The most players a room may ask for. The engine's work per answer and per join does not grow
 * with the room (lib/game/keyed-map.ts); 10,000 is what the load bench measured. A server may set
 * a lower limit (MAX_ROOM_PLAYERS).
 */
export const ROOM_PLAYERS_MAX = 10_000;

export const RoomSettingsSchema = z.object({
  /** "speed": Kahoot's rule round(1000 * (1 - (t/T)/2)); "accuracy": flat 1000 per correct. */
  scoring: z.enum(["speed", "accuracy"]).default("speed"),
  /** +100 per consecutive correct answer after the first, capped at +500. */
  streakBonus: z.boolean().default(true),
  /** Applies to questions without their own time limit. */
  defaultTimeLimitSec: z.number().int().min(5).max(240).default(20),
  /** How many questions from the set (in set order); all when absent; 0 for coding rounds only. */
  questionCount: z.number().int().min(0).max(200).optional(),
  maxPlayers: z.number().int().min(1).max(ROOM_PLAYERS_MAX).default(500),
  /** Team mode (lib/game/teams.ts); absent: off. The host may change it in the lobby. */
  teams: TeamSettingsSchema.optional(),
});
export type RoomSettings = z.infer<typeof RoomSettingsSchema>;
export type RoomSettingsInput = z.input<typeof RoomSettingsSchema>;

/**
 * Which questions a room plays, chosen from sets the host can see (lib/question-sets/selection.ts).
 * Strict: the seed is the server's, and nothing else (an answer key, a question body) may ride
 * along; coding rounds come in CreateRoomSchema's own field.
 */
export const RoomSelectionSchema = SelectionSchema.omit({ codingRounds: true }).strict();
export type RoomSelectionInput = z.input<typeof RoomSelectionSchema>;

export const CreateRoomSchema = z
  .object({
    /** A built-in set by slug, first `settings.questionCount` in set order (the old way). */
    questionSetSlug: z
      .string()
      .regex(/^[a-z0-9-]{1,100}$/)
      .optional(),
    /** Or a selection across sets (own, public, unlisted by id, the bank). */
    selection: RoomSelectionSchema.optional(),
    settings: RoomSettingsSchema.default(RoomSettingsSchema.parse({})),
    /** Coding rounds placed between (or instead of) the quiz questions. */
    codingRounds: z.array(PlacedCodingRoundSchema).max(5).default([]),
    /** Open the room under this event (its organiser only, from the event's own sets). */
    eventId: EventIdSchema.optional(),
  })
  .refine(
    (input) => !(input.selection && input.questionSetSlug),
    "a slug or a selection, not both",
  );
export const HostRoomSchema = z.object({ code: RoomCodeSchema });
export const JoinRoomSchema = z.object({
  code: RoomCodeSchema,
  nickname: NicknameSchema,
  /** A room under an event admits its registered candidates only: their signed token. */
  candidateToken: z.string().min(10).max(2000).optional(),
});
export const ResumeSchema = z.object({ token: safeText().min(10).max(2000) });
export const LockRoomSchema = z.object({ code: RoomCodeSchema, locked: z.boolean() });
export const KickSchema = z.object({ code: RoomCodeSchema, playerId: safeText().min(1).max(64) });
/** Hide (muted: true) or show again a player's nickname on every screen. */
export const MuteSchema = z.object({
  code: RoomCodeSchema,
  playerId: safeText().min(1).max(64),
  muted: z.boolean(),
});
export const HostCommandSchema = z.object({ code: RoomCodeSchema });
export const SubmitAnswerSchema = z.object({
  code: RoomCodeSchema,
  questionIndex: z.number().int().min(0),
  // A text answer is stored (jsonb): Postgres refuses NUL there, so refuse it here first.
  answer: AnswerSchema.refine(
    (answer) => answer.type !== "text" || !answer.text.includes("\u0000"),
    "NUL is not allowed",
  ),
});
/** A self-paced attempt's player closes the coding round `questionIndex` now (round:close). */
export const CloseRoundSchema = z
  .object({ code: RoomCodeSchema, questionIndex: z.number().int().min(0) })
  .strict();

export const SignUpSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  // Control characters (a NUL cannot even be stored) and bidirectional overrides are refused.
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((n) => !/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(n), "no control characters"),
  // Hashed with argon2, which reads every byte (bcrypt's 72-byte cut no longer applies).
  password: z.string().min(8).max(200),
});
