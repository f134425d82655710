import type { ErrorCode } from "../contract/errors";

/**
 * Self-paced challenges (issue 11): a frozen set of questions each player takes alone, once,
 * between `opensAt` and `deadline`. The rules are pure and take the time as an argument; the
 * service (server/challenges) applies them, and the room engine (lib/game/self-paced.ts) times
 * the questions exactly as in a live room.
 */

export const CHALLENGE_LIMITS = {
  title: 120,
  /** The longest a challenge may stay open. */
  windowDays: 90,
} as const;

/** How long each reveal stays on the player's screen before the next question opens. */
export const SELF_PACED_REVEAL_MS = 4_000;

const DAY_MS = 24 * 60 * 60 * 1000;

export type ChallengeWindow = "not-open" | "open" | "closed";

/** [opensAt, deadline): open from the first instant, closed at the deadline itself. */
export function challengeWindow(
  challenge: { opensAt: Date; deadline: Date },
  now: Date,
): ChallengeWindow {
  if (now < challenge.opensAt) return "not-open";
  return now < challenge.deadline ? "open" : "closed";
}

/** A new challenge's dates: a real window, not already over, and not open for ever. */
export function checkChallengeDates(
  dates: { opensAt: Date; deadline: Date },
  now: Date,
): "INVALID_PAYLOAD" | null {
  const { opensAt, deadline } = dates;
  if (deadline <= opensAt || deadline <= now) return "INVALID_PAYLOAD";
  if (deadline.getTime() - opensAt.getTime() > CHALLENGE_LIMITS.windowDays * DAY_MS) {
    return "INVALID_PAYLOAD";
  }
  return null;
}

/**
 * Where an attempt stands. "ready": started but its first question not yet shown (the clock
 * starts when the player's screen connects); "playing"; "finished": the game reached its end;
 * "closed": the deadline passed before it did (what was answered counts). A room closed as
 * ABORTED (its process stopped, or it sat idle) is an interrupted attempt: until the deadline its
 * player goes on with it (lib/game/self-paced-resume.ts rebuilds it).
 */
export type AttemptStatus = "ready" | "playing" | "finished" | "closed";

export function attemptStatus(
  attempt: { roomStatus: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED" },
  deadline: Date,
  now: Date,
): AttemptStatus {
  if (attempt.roomStatus === "FINISHED") return "finished";
  if (now >= deadline) return "closed";
  return attempt.roomStatus === "LOBBY" ? "ready" : "playing";
}

export type StartDecision =
  | { kind: "start" }
  /** The one attempt exists and is still running: the player goes back to it, as it stands. */
  | { kind: "resume" }
  | { kind: "refuse"; error: ErrorCode };

/**
 * What "Start" does. One attempt per player: an unfinished one is resumed (never restarted, so
 * a reload cannot buy a fresh question or a better score), a finished one is refused, and nothing
 * starts outside the window.
 */
export function startDecision(
  window: ChallengeWindow,
  existing: AttemptStatus | null,
): StartDecision {
  if (existing === "finished") return { kind: "refuse", error: "ATTEMPT_USED" };
  if (window === "not-open") return { kind: "refuse", error: "CHALLENGE_NOT_OPEN" };
  if (window === "closed" || existing === "closed") {
    return { kind: "refuse", error: "CHALLENGE_CLOSED" };
  }
  return existing === null ? { kind: "start" } : { kind: "resume" };
}

/** One key for either kind of participant, unique per challenge (ChallengeAttempt). */
export function participantKey(participant: { userId: string } | { candidateId: string }): string {
  return "userId" in participant ? `u:${participant.userId}` : `c:${participant.candidateId}`;
}

/**
 * An attempt as its challenge's owner reads it. "finished": the player reached the end before
 * the deadline; "expired": the deadline ended it first, and what was answered still counts;
 * otherwise "in-progress" (started, not yet over: a room lost before the deadline is rebuilt
 * when its player comes back, so it is still in progress).
 */
export type OwnerAttemptStatus = "in-progress" | "finished" | "expired";

export function ownerAttemptStatus(
  attempt: { roomStatus: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED"; endedAt: Date | null },
  deadline: Date,
  now: Date,
): OwnerAttemptStatus {
  if (attempt.roomStatus === "FINISHED") {
    // The deadline's own timer ends a running attempt at the deadline, never before it.
    return attempt.endedAt !== null && attempt.endedAt >= deadline ? "expired" : "finished";
  }
  return now >= deadline ? "expired" : "in-progress";
}

/**
 * Ranks among a challenge's attempts: by score, highest first; equal scores share a rank and the
 * next rank skips ("1, 1, 3"). An attempt with nothing answered yet has no rank (null).
 */
export function rankAttempts(scores: readonly (number | null)[]): (number | null)[] {
  const sorted = scores.filter((s): s is number => s !== null).sort((a, b) => b - a);
  return scores.map((s) => (s === null ? null : sorted.indexOf(s) + 1));
}
