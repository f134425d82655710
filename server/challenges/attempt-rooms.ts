import { randomBytes } from "node:crypto";
import { challengeWindow } from "@/lib/challenges/rules";
import { err, ok, type Result } from "@/lib/contract/errors";
import { codingRound } from "@/lib/coding/round";
import { createRoomState } from "@/lib/game/create-room";
import { resumeAttempt } from "@/lib/game/self-paced-resume";
import type { CodingBaseline, RoomState } from "@/lib/game/types";
import type { BaselineScore } from "../coding/baseline";
import type { Logger } from "../logger";
import type { RoomRuntime } from "../realtime/room-runtime";
import type { AttemptRecord, ChallengeRecord } from "../repositories/challenge-types";
import type { Repositories } from "../repositories/types";

/**
 * An attempt's solo room (challenge-service.ts): built fresh when the attempt starts, and rebuilt
 * from Postgres when its live copy was lost (lib/game/self-paced-resume.ts).
 */

export interface AttemptRoomDeps {
  repos: Repositories;
  runtime: RoomRuntime;
  logger: Logger;
  baseline?: () => Promise<BaselineScore>;
  now: () => number;
  /** How long each reveal stays up before the next question opens (SELF_PACED_REVEAL_MS). */
  revealMs: number;
}

/** Who sits in an attempt's room (the participant, with the name the room shows). */
export interface AttemptSeat {
  nickname: string;
  userId: string | null;
  candidateId: string | null;
}

/** The attempt's one player takes their seat (stored by the join, before it is acknowledged). */
export function seatPlayer(
  runtime: RoomRuntime,
  code: string,
  playerId: string,
  seat: AttemptSeat,
): Promise<Result<null>> {
  return runtime.dispatch(code, {
    type: "player:join",
    playerId,
    nickname: seat.nickname,
    userId: seat.userId,
    ...(seat.candidateId === null ? {} : { candidateId: seat.candidateId }),
  });
}

/** The "shrink" baseline a challenge's rooms need (null: none); INTERNAL without an evaluator. */
export async function codingBaselineOf(
  challenge: ChallengeRecord,
  baseline: (() => Promise<BaselineScore>) | undefined,
): Promise<Result<CodingBaseline | null>> {
  if (!challenge.codingRounds.some((r) => r.variant === "shrink")) return ok(null);
  if (!baseline) return err("INTERNAL");
  const { publicAccuracy, privateAccuracy, sizeBytes } = await baseline();
  return ok({ publicAccuracy, privateAccuracy, sizeBytes });
}

/** An attempt's solo room as created: in the lobby, empty, each question timed as live. */
export function attemptRoomState(
  challenge: ChallengeRecord,
  room: { roomId: string; code: string },
  codingBaseline: CodingBaseline | null,
  now: number,
  revealMs: number,
): RoomState {
  const state = createRoomState({
    ...room,
    hostUserId: challenge.ownerId,
    settings: challenge.settings,
    questions: challenge.questions,
    codingRounds: challenge.codingRounds.map(({ afterQuestion, ...settings }, n) => ({
      afterQuestion,
      round: codingRound(`coding-${n + 1}`, settings),
    })),
    codingBaseline,
    now,
    random: Math.random,
    hashSeed: [randomBytes(4).readUInt32LE(0), randomBytes(4).readUInt32LE(0)],
  });
  return {
    ...state,
    selfPaced: { revealMs, closesAt: challenge.deadline.getTime() },
  };
}

/**
 * An attempt whose room no store holds (its process stopped with it in memory, or the store
 * lost it): rebuilt as its stored answers leave it and reopened under its own id and code, so
 * its answers, results and dashboard rows stay attached; or, with nothing left or the deadline
 * passed, closed FINISHED with what was stored. A second opener (another tab, on another node)
 * loses the store's atomic create and goes back to the room the first one opened; a finished
 * room is never reopened. Resolves ok once the attempt's row tells where it stands.
 */
export async function recoverAttemptRoom(
  deps: AttemptRoomDeps,
  attempt: AttemptRecord,
  challenge: ChallengeRecord,
  seat: AttemptSeat,
): Promise<Result<null>> {
  const { repos, runtime, logger } = deps;
  const now = deps.now();
  const stored = await repos.challenges.storedAttempt(attempt.roomId);
  const baseline = await codingBaselineOf(challenge, deps.baseline);
  if (!baseline.ok) return baseline;
  const room = { roomId: attempt.roomId, code: attempt.roomCode };
  const fresh = attemptRoomState(challenge, room, baseline.data, now, deps.revealMs);
  // Never seated (the start that made the row stopped before its join was stored): the room
  // opens as it would have, and its player takes the seat now.
  if (!stored) {
    if (challengeWindow(challenge, new Date(now)) !== "open") return ok(null);
    if (!(await repos.challenges.reopenRoom(attempt.roomId, "LOBBY"))) return ok(null);
    if (!(await openOnce(deps, fresh))) return ok(null);
    return seatPlayer(runtime, attempt.roomCode, attempt.playerId, seat);
  }
  const resumed = resumeAttempt(fresh, stored, now);
  if (resumed.kind === "finished") {
    await repos.challenges.closeRoom(attempt.roomId, new Date(now), resumed.results);
    logger.info("lost challenge attempt closed", { code: attempt.roomCode });
    return ok(null);
  }
  // Never started, and the window is over: nothing to go on with (startDecision refuses).
  if (challengeWindow(challenge, new Date(now)) !== "open") return ok(null);
  const status = resumed.next === 0 ? "LOBBY" : "RUNNING";
  if (!(await repos.challenges.reopenRoom(attempt.roomId, status))) return ok(null);
  if (await openOnce(deps, resumed.state)) {
    logger.info("lost challenge attempt reopened", {
      code: attempt.roomCode,
      nextQuestion: resumed.next,
    });
  }
  return ok(null);
}

/** Opens the room unless another start (another tab, another node) opened it first: false. */
async function openOnce(deps: AttemptRoomDeps, state: RoomState): Promise<boolean> {
  try {
    await deps.runtime.open(state);
    return true;
  } catch (error) {
    if (!(await deps.runtime.get(state.code))) throw error;
    deps.logger.info("lost challenge attempt opened by another start first", { code: state.code });
    return false;
  }
}
