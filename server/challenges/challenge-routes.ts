import type { z } from "zod";
import { attemptStatus, challengeWindow } from "@/lib/challenges/rules";
import {
  CreateChallengeSchema,
  type AttemptView,
  type ChallengePageView,
  type ChallengeView,
  type StartedAttempt,
} from "@/lib/contract/challenges";
import { sessionUserFromCookieHeader } from "../auth/socket-session";
import { appContext } from "../context";
import { bearerToken, errorResponse, jsonResponse } from "../http/web-response";
import { readCappedText } from "../http/web-body";
import type {
  AttemptRecord,
  ChallengeRecord,
  ChallengeRepository,
} from "../repositories/challenge-types";
import { challengeAttempts, ownedChallenges } from "./challenge-owner";
import type { Caller, ChallengeService } from "./challenge-service";

const MAX_BODY = 64 * 1024;

/**
 * The challenges API (lib/contract/challenges.ts) as Web Request -> Response functions for
 * app/api/challenges/*. Identity is the verified session cookie and, for an event's challenge,
 * the candidate token (Authorization: Bearer); never a field of the body.
 */
export function challengeRoutes(deps: {
  service: ChallengeService;
  secret: string;
  /** The owner's reads (challenge-owner.ts) go to the repository directly. */
  repo: Pick<ChallengeRepository, "get" | "listOwned" | "attemptsAt">;
}) {
  const { service, secret, repo } = deps;

  async function callerOf(request: Request): Promise<Caller> {
    const user = await sessionUserFromCookieHeader(
      request.headers.get("cookie") ?? undefined,
      secret,
    );
    return {
      userId: user?.userId ?? null,
      userName: user?.name ?? null,
      candidateToken: bearerToken(request),
    };
  }

  return {
    async create(request: Request): Promise<Response> {
      const body = await parseBody(request, CreateChallengeSchema);
      if (!body.ok) return body.response;
      const created = await service.create(await callerOf(request), body.data);
      if (!created.ok) return errorResponse(created.error);
      return jsonResponse(201, { ok: true, data: challengeView(created.data, new Date()) });
    },

    async get(request: Request, id: string): Promise<Response> {
      const caller = await callerOf(request);
      const found = await service.view(caller, id);
      if (!found.ok) return errorResponse(found.error);
      const { challenge, attempt, now } = found.data;
      const data: ChallengePageView = {
        challenge: challengeView(challenge, now),
        attempt: attempt ? attemptView(attempt, challenge, now) : null,
        isOwner: caller.userId !== null && caller.userId === challenge.ownerId,
      };
      return jsonResponse(200, { ok: true, data });
    },

    /** GET /api/challenges: the caller's own challenges. */
    async listOwned(request: Request): Promise<Response> {
      const { userId } = await callerOf(request);
      const listed = await ownedChallenges(repo, userId, new Date(), challengeView);
      if (!listed.ok) return errorResponse(listed.error);
      return jsonResponse(200, { ok: true, data: listed.data });
    },

    /** GET /api/challenges/:id/attempts: everyone's attempts, for the challenge's owner only. */
    async attempts(request: Request, id: string): Promise<Response> {
      const { userId } = await callerOf(request);
      const found = await challengeAttempts(repo, userId, id, new Date(), challengeView);
      if (!found.ok) return errorResponse(found.error);
      return jsonResponse(200, { ok: true, data: found.data });
    },

    async start(request: Request, id: string): Promise<Response> {
      const started = await service.start(await callerOf(request), id);
      if (!started.ok) return errorResponse(started.error);
      const { attempt, challenge, token, now } = started.data;
      const data: StartedAttempt = {
        attempt: attemptView(attempt, challenge, now),
        token,
        playerId: attempt.playerId,
      };
      return jsonResponse(200, { ok: true, data });
    },
  };
}

/** Over the process's app context, for the route handlers (built per request, as events do). */
export function appChallengeRoutes() {
  const { challenges, config, repos } = appContext();
  return challengeRoutes({
    service: challenges,
    secret: config.NEXTAUTH_SECRET,
    repo: repos.challenges,
  });
}

export interface ChallengeRouteContext {
  params: Promise<{ id: string }>;
}

export function challengeView(challenge: ChallengeRecord, now: Date): ChallengeView {
  return {
    id: challenge.id,
    title: challenge.title,
    eventId: challenge.eventId,
    questionCount: challenge.questions.length,
    codingRoundCount: challenge.codingRounds.length,
    timePerQuestionSec: challenge.settings.defaultTimeLimitSec,
    opensAt: challenge.opensAt.toISOString(),
    deadline: challenge.deadline.toISOString(),
    window: challengeWindow(challenge, now),
  };
}

function attemptView(attempt: AttemptRecord, challenge: ChallengeRecord, now: Date): AttemptView {
  const status = attemptStatus(attempt, challenge.deadline, now);
  return {
    id: attempt.id,
    status,
    roomCode: attempt.roomCode,
    startedAt: attempt.startedAt.toISOString(),
    result: status === "finished" || status === "closed" ? attempt.result : null,
  };
}

async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  const text = await readCappedText(request, MAX_BODY);
  if (text === null) return { ok: false, response: errorResponse("PAYLOAD_TOO_LARGE") };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: errorResponse("INVALID_PAYLOAD", { fields: ["(body)"] }) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(body)");
    return { ok: false, response: errorResponse("INVALID_PAYLOAD", { fields }) };
  }
  return { ok: true, data: parsed.data };
}
