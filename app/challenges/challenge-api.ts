import type { ErrorCode } from "@/lib/contract/errors";
import type { ChallengePageView, StartedAttempt } from "@/lib/contract/challenges";
import { candidateTokens } from "../lib/candidate-session";
import { eventApi, type ApiOutcome } from "../events/event-api";

/**
 * The browser side of /api/challenges. An event's challenge is opened with the candidate token
 * this browser keeps for that event; the page does not know the event before it asks, so it tries
 * the session first and then each stored candidate token (a handful at most).
 */
export async function loadChallenge(
  id: string,
): Promise<{ outcome: ApiOutcome<ChallengePageView>; token?: string }> {
  const plain = await eventApi<ChallengePageView>(`/api/challenges/${id}`);
  if (plain.ok || plain.error !== "CHALLENGE_NOT_FOUND") return { outcome: plain };
  for (const token of candidateTokens()) {
    const withToken = await eventApi<ChallengePageView>(`/api/challenges/${id}`, { token });
    if (withToken.ok) return { outcome: withToken, token };
  }
  return { outcome: plain };
}

export function startAttempt(id: string, token?: string): Promise<ApiOutcome<StartedAttempt>> {
  return eventApi<StartedAttempt>(`/api/challenges/${id}/attempt`, {
    method: "POST",
    body: {},
    ...(token ? { token } : {}),
  });
}

export type { ErrorCode };
