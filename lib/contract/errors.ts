/**
 * The closed list of error codes a request can be refused with. Every refusal changes nothing.
 * Clients translate a code into a message (app/lib/i18n); the server never sends prose.
 */
export const ERROR_CODES = [
  "INVALID_PAYLOAD",
  "UNAUTHENTICATED",
  "NOT_HOST",
  "ROOM_NOT_FOUND",
  "ROOM_LOCKED",
  "ROOM_FULL",
  "GAME_ALREADY_STARTED",
  "GAME_NOT_RUNNING",
  "GAME_OVER",
  "NICKNAME_TAKEN",
  "NICKNAME_INVALID",
  "NICKNAME_NOT_ALLOWED",
  "PLAYER_NOT_FOUND",
  "KICKED",
  "ALREADY_JOINED",
  "INVALID_TOKEN",
  "QUESTION_NOT_CURRENT",
  "ANSWER_TOO_LATE",
  "ALREADY_ANSWERED",
  "ANSWER_TYPE_MISMATCH",
  "QUESTION_SET_NOT_FOUND",
  "SUBMISSION_LIMIT",
  "MODEL_REJECTED",
  "PAYLOAD_TOO_LARGE",
  "NO_PLAYERS",
  "EMAIL_TAKEN",
  "RATE_LIMITED",
  "BUSY",
  // A state change from another site's page (Origin check), or a body that is not JSON.
  "FORBIDDEN_ORIGIN",
  "UNSUPPORTED_MEDIA_TYPE",
  // The database did not answer in time: the outcome is unknown, and a retry is safe.
  "DB_UNAVAILABLE",
  // Question sets: a set the caller sees but does not own, the read-only bank, a save against an
  // old revision, an import with bad rows (the response lists them).
  "SET_FORBIDDEN",
  "SET_READ_ONLY",
  "SET_STALE",
  "IMPORT_INVALID",
  // Room setup from sets: the filters match no question, fewer than "N at random" asks for, or a
  // picked question is not among those the chosen sets and filters offer.
  "NO_QUESTIONS",
  "NOT_ENOUGH_QUESTIONS",
  "QUESTION_NOT_IN_SELECTION",
  "INTERNAL",
  // More training data than the coding round's budget allows (GET .../training-data).
  "TRAINING_BUDGET_EXCEEDED",
  // Events: the caller may not organise events (role), an event that is not theirs or does not
  // exist, an invite link that is unknown, expired, revoked or for another event, an event whose
  // window has ended, a second registration, a candidate token that does not fit.
  "NOT_ORGANISER",
  "EVENT_NOT_FOUND",
  "INVITE_NOT_FOUND",
  "INVITE_EXPIRED",
  "INVITE_REVOKED",
  "INVITE_WRONG_EVENT",
  "EVENT_CLOSED",
  "ALREADY_REGISTERED",
  "NOT_A_CANDIDATE",
  "EVENT_NOT_OPEN",
  // Team mode (lib/game/teams.ts): a team change while a question is open, a team request in a
  // room without teams, a player's pick when the host assigns, a team index the room lacks.
  "TEAM_CHANGE_MID_QUESTION",
  "TEAMS_OFF",
  "TEAM_PICK_OFF",
  "TEAM_NOT_FOUND",
  // Accounts and roles (issue 10): signed in but without the role the action needs; the change
  // would leave no admin; no such account; a password that is known-common, repetitive or built
  // from the account's own email or name; a guest-result claim that is not this device's (forged,
  // expired, another player's) or a player someone already claimed; a deletion whose typed
  // confirmation does not match.
  "ROLE_REQUIRED",
  "LAST_ADMIN",
  "USER_NOT_FOUND",
  "WEAK_PASSWORD",
  "CLAIM_INVALID",
  "CLAIM_TAKEN",
  "CONFIRMATION_MISMATCH",
  // Self-paced challenges (lib/challenges): no such challenge (or not the caller's to see), not
  // open yet, past its deadline, and a second attempt once the one attempt is over.
  "CHALLENGE_NOT_FOUND",
  "CHALLENGE_NOT_OPEN",
  "CHALLENGE_CLOSED",
  "ATTEMPT_USED",
  // Closing a coding round early (a self-paced attempt's player, lib/game/self-paced.ts): asked in
  // a live room (only its host closes a round), when the current question is not a coding round,
  // and once the round is already closed or closing.
  "SELF_PACED_ONLY",
  "NOT_CODING_ROUND",
  "ROUND_CLOSED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The acknowledgement of every request: data, or a code from the closed list. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorCode };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const err = <T = never>(error: ErrorCode): Result<T> => ({ ok: false, error });

export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
