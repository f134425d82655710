import type { ErrorCode } from "@/lib/contract/errors";
import type { AnswerRecord, Effect, PersistOp } from "@/lib/game/types";

type PlayerJoinedOp = Extract<PersistOp, { kind: "player-joined" }>;
import { isDatabaseUnavailable } from "../db/unavailable";
import type { Logger } from "../logger";
import {
  AnswerExistsError,
  CandidateInRoomError,
  NicknameTakenError,
  PlayersClashError,
  type RoomRepository,
  type SubmissionRepository,
} from "../repositories/types";

export interface PersistDeps {
  rooms: RoomRepository;
  submissions: SubmissionRepository;
  logger: Logger;
}

/**
 * Makes one of the engine's durable effects durable, before the room runtime commits the state
 * and acknowledges. Resolves with null, or with the refusal the request gets (nothing committed):
 * a unique-key clash becomes the player's own error, a timed-out database DB_UNAVAILABLE.
 */
export async function persistOp(
  deps: PersistDeps,
  roomId: string,
  op: PersistOp,
): Promise<ErrorCode | null> {
  const { rooms, submissions, logger } = deps;
  try {
    switch (op.kind) {
      case "player-joined":
        await rooms.addPlayer({
          roomId,
          playerId: op.playerId,
          nickname: op.nickname,
          userId: op.userId,
          candidateId: op.candidateId ?? null,
          at: new Date(op.at),
        });
        return null;
      case "player-kicked":
        await rooms.markKicked(op.playerId, new Date(op.at));
        return null;
      case "player-hidden":
        await rooms.setHiddenName(op.playerId, op.hiddenAs);
        return null;
      case "game-started":
        await rooms.markStarted(roomId, new Date(op.at));
        return null;
      case "question-shown":
        await markShown(deps, roomId, op.questionIndex);
        return null;
      case "answer":
        await rooms.saveAnswer(roomId, op.record);
        return null;
      case "game-finished":
        await rooms.finish(roomId, new Date(op.at), op.results, op.teamResults);
        return null;
      case "submission":
        await submissions.create({
          id: op.submission.id,
          roomId,
          playerId: op.playerId,
          questionIndex: op.questionIndex,
          variant: op.variant,
          body: op.submission.body,
          sha256: op.submission.sha256,
          sizeBytes: op.submission.sizeBytes,
          parameters: op.submission.parameters,
          summary: op.submission.summary,
          at: new Date(op.at),
        });
        return null;
      case "coding-round-closed":
        await submissions.markFinal(roomId, op.questionIndex, op.results);
        return null;
    }
  } catch (error) {
    // The state has no answer from this player (the engine checked), yet the row exists: an
    // earlier attempt timed out (DB_UNAVAILABLE) and committed afterwards. It is saved, so it
    // counts now, rather than a retry being told "already answered" for an uncounted answer.
    if (error instanceof AnswerExistsError) return op.kind === "answer" ? null : "ALREADY_ANSWERED";
    if (isDatabaseUnavailable(error)) {
      logger.warn("database unavailable", { roomId, op: op.kind, error: String(error) });
      return "DB_UNAVAILABLE";
    }
    if (error instanceof NicknameTakenError) return "NICKNAME_TAKEN";
    if (error instanceof CandidateInRoomError) return "ALREADY_JOINED";
    logger.error("persist failed", { roomId, op: op.kind, error: String(error) });
    return "INTERNAL";
  }
}

/**
 * Best effort: a failed note must not stall the self-paced room on a timer nobody retries. Only
 * a room that is also lost before the next note is written rebuilds from an earlier question,
 * and never from before the last answer stored (lib/game/self-paced-resume.ts).
 */
async function markShown(deps: PersistDeps, roomId: string, questionIndex: number): Promise<void> {
  try {
    await deps.rooms.markQuestionShown(roomId, questionIndex);
  } catch (error) {
    deps.logger.warn("question-shown note not written", { roomId, error: String(error) });
  }
}

/**
 * One statement for a burst (group commit). "unavailable": the database timed out, so retrying
 * one by one would wait out the timeout again, past the client's own; "failed": another error
 * (a clash among the new players is expected: a nickname the database holds), and each event may
 * be retried on its own to get its own verdict.
 */
async function writeBurst(
  deps: PersistDeps,
  roomId: string,
  burst: { answers: number } | { joins: number },
  write: () => Promise<void>,
): Promise<"saved" | "unavailable" | "failed"> {
  try {
    await write();
    return "saved";
  } catch (error) {
    if (isDatabaseUnavailable(error)) return "unavailable";
    if (!(error instanceof PlayersClashError)) {
      deps.logger.warn("batched write failed; retrying one by one", {
        roomId,
        ...burst,
        error: String(error),
      });
    }
    return "failed";
  }
}

/**
 * A batch step's durable effects in one statement: its answers, or its new players. "failed"
 * when it made any other durable effect (each event then goes on its own).
 */
export async function persistBatch(
  deps: PersistDeps,
  roomId: string,
  effects: readonly Effect[],
): Promise<"saved" | "unavailable" | "failed"> {
  const answers: AnswerRecord[] = [];
  const joins: PlayerJoinedOp[] = [];
  for (const effect of effects) {
    if (effect.type !== "persist") continue;
    if (effect.op.kind === "answer") answers.push(effect.op.record);
    else if (effect.op.kind === "player-joined") joins.push(effect.op);
    else return "failed";
  }
  if (answers.length > 0 && joins.length > 0) return "failed";
  if (answers.length > 0) {
    return writeBurst(deps, roomId, { answers: answers.length }, () =>
      deps.rooms.saveAnswers(roomId, answers),
    );
  }
  if (joins.length === 0) return "saved";
  return writeBurst(deps, roomId, { joins: joins.length }, () =>
    deps.rooms.addPlayers(
      roomId,
      joins.map((op) => ({
        playerId: op.playerId,
        nickname: op.nickname,
        userId: op.userId,
        candidateId: op.candidateId ?? null,
        at: new Date(op.at),
      })),
    ),
  );
}
