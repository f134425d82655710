import { randomUUID } from "node:crypto";
import { may } from "@/lib/accounts/roles";
import {
  attemptStatus,
  challengeWindow,
  checkChallengeDates,
  participantKey,
  SELF_PACED_REVEAL_MS,
  startDecision,
} from "@/lib/challenges/rules";
import type { CreateChallengeSchema } from "@/lib/contract/challenges";
import { err, ok, type Result } from "@/lib/contract/errors";
import type { RoomSettings } from "@/lib/contract/schemas";
import { NICKNAME_MAX, normaliseNickname } from "@/lib/game/nickname-format";
import type { z } from "zod";
import { signPlayerToken } from "../auth/player-token";
import type { BaselineScore } from "../coding/baseline";
import { eventGateFor } from "../events/event-rooms";
import { verifyCandidateToken } from "../events/tokens";
import type { Logger } from "../logger";
import {
  attemptRoomState,
  codingBaselineOf,
  recoverAttemptRoom,
  seatPlayer,
  type AttemptRoomDeps,
  type AttemptSeat,
} from "./attempt-rooms";
import { resolveRoomQuestions } from "../realtime/handlers/room-questions";
import { newRoomCode } from "../realtime/room-codes";
import type { RoomRuntime } from "../realtime/room-runtime";
import {
  AttemptExistsError,
  type AttemptRecord,
  type ChallengeRecord,
} from "../repositories/challenge-types";
import { RoomCodeTakenError, type Repositories } from "../repositories/types";

export interface ChallengeServiceDeps {
  repos: Repositories;
  runtime: RoomRuntime;
  logger: Logger;
  /** Signs player tokens and checks candidate tokens. */
  secret: string;
  /** The "shrink" round's baseline (needs the evaluator); absent: shrink rounds refused. */
  baseline?: () => Promise<BaselineScore>;
  now?: () => number;
  /** How long an attempt's reveals stay up; SELF_PACED_REVEAL_MS unless configured. */
  revealMs?: number;
}

/** Who asks: the verified session's user, and the candidate token sent as a bearer token. */
export interface Caller {
  userId: string | null;
  userName: string | null;
  candidateToken: string | null;
}

type Participant = { key: string; userId: string | null; candidateId: string | null; name: string };

const CODE_ATTEMPTS = 8;

/**
 * Self-paced challenges (lib/challenges/rules.ts) over the room runtime: a challenge freezes its
 * questions once; each attempt is a solo room of the same engine (lib/game/self-paced.ts), so
 * its timing, scoring and storage are a live room's, and its finished room feeds the event
 * dashboard and the boards like any other. Every refusal writes nothing.
 */
export class ChallengeService {
  private readonly now: () => number;
  private readonly revealMs: number;
  /** Starts in flight per participant, so one process never builds two rooms for one attempt. */
  private readonly starting = new Map<string, Promise<Result<StartedAttemptData>>>();

  constructor(private readonly deps: ChallengeServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.revealMs = deps.revealMs ?? SELF_PACED_REVEAL_MS;
  }

  async create(
    caller: Caller,
    input: z.output<typeof CreateChallengeSchema>,
  ): Promise<Result<ChallengeRecord>> {
    const { repos } = this.deps;
    const owner = caller.userId;
    if (!owner) return err("UNAUTHENTICATED");
    const role = await repos.accounts.role(owner);
    if (!role || !may(role, "host")) return err("ROLE_REQUIRED");
    const now = new Date(this.now());
    const dates = checkChallengeDates(input, now);
    if (dates) return err(dates);
    if (input.codingRounds.some((r) => r.variant === "shrink") && !this.deps.baseline) {
      return err("INVALID_PAYLOAD");
    }
    const settings: RoomSettings = {
      scoring: input.scoring,
      streakBonus: true,
      defaultTimeLimitSec: input.timePerQuestionSec,
      maxPlayers: 1,
    };
    const resolved = await resolveRoomQuestions(
      {
        selection: { ...input.selection, timeLimitSec: input.timePerQuestionSec },
        settings,
        codingRounds: input.codingRounds,
      },
      owner,
      repos,
    );
    if (!resolved.ok) return resolved;
    const { questions, questionSetId, questionSetIds, selection } = resolved.data;
    if (input.eventId) {
      const gate = eventGateFor(repos.events, this.deps.secret);
      const refusal = await gate.checkCreate({
        eventId: input.eventId,
        hostUserId: owner,
        setIds: questions.length > 0 ? [questionSetId, ...questionSetIds] : [],
        now,
      });
      if (refusal) return err(refusal);
      // Candidates play only while the event is open: a later deadline would promise too much.
      const event = await repos.events.get(input.eventId);
      if (!event || input.deadline > event.endsAt) return err("INVALID_PAYLOAD");
    }
    return ok(
      await repos.challenges.create({
        ownerId: owner,
        eventId: input.eventId ?? null,
        title: input.title,
        questionSetId,
        questionSetIds,
        questions,
        selection,
        settings,
        // Placed as resolved (a selection may have moved them); rebuilt per attempt.
        codingRounds: resolved.data.codingRounds.map(({ afterQuestion }, i) => ({
          ...input.codingRounds[i]!,
          afterQuestion,
        })),
        opensAt: input.opensAt,
        deadline: input.deadline,
      }),
    );
  }

  /** The challenge and the caller's own attempt; one they may not take is CHALLENGE_NOT_FOUND. */
  async view(
    caller: Caller,
    id: string,
  ): Promise<Result<{ challenge: ChallengeRecord; attempt: AttemptRecord | null; now: Date }>> {
    const found = await this.visible(caller, id);
    if (!found.ok) return found;
    const { challenge, participant } = found.data;
    const attempt = participant
      ? await this.deps.repos.challenges.attemptOf(challenge.id, participant.key)
      : null;
    return ok({ challenge, attempt, now: new Date(this.now()) });
  }

  /** Start the caller's one attempt, or resume it as it stands; never a second one. */
  async start(caller: Caller, id: string): Promise<Result<StartedAttemptData>> {
    const found = await this.visible(caller, id);
    if (!found.ok) return found;
    const { challenge, participant } = found.data;
    if (!participant) return err(caller.userId ? "NOT_A_CANDIDATE" : "UNAUTHENTICATED");
    const key = `${challenge.id} ${participant.key}`;
    const running = this.starting.get(key);
    if (running) return running;
    const started = this.startOnce(challenge, participant).finally(() => this.starting.delete(key));
    this.starting.set(key, started);
    return started;
  }

  private async startOnce(
    challenge: ChallengeRecord,
    participant: Participant,
  ): Promise<Result<StartedAttemptData>> {
    const { repos } = this.deps;
    let existing = await repos.challenges.attemptOf(challenge.id, participant.key);
    // Its room was lost (the process stopped with it in memory, or the store lost it): rebuilt
    // from Postgres, or closed with what was stored, before the usual rules apply.
    if (existing && existing.roomStatus !== "FINISHED") {
      if (!(await this.deps.runtime.get(existing.roomCode))) {
        const recovered = await recoverAttemptRoom(
          this.attemptDeps(),
          existing,
          challenge,
          seatOf(participant),
        );
        if (!recovered.ok) return recovered;
        existing = await repos.challenges.attemptOf(challenge.id, participant.key);
      }
    }
    const now = new Date(this.now());
    const status = existing ? attemptStatus(existing, challenge.deadline, now) : null;
    const decision = startDecision(challengeWindow(challenge, now), status);
    if (decision.kind === "refuse") return err(decision.error);
    if (existing) return this.resume(existing, challenge, now);
    const opened = await this.openAttemptRoom(challenge, participant);
    if (!opened.ok) return opened;
    const attempt = await repos.challenges.attemptOf(challenge.id, participant.key);
    return attempt ? this.resume(attempt, challenge, now) : err("INTERNAL");
  }

  private async resume(
    attempt: AttemptRecord,
    challenge: ChallengeRecord,
    now: Date,
  ): Promise<Result<StartedAttemptData>> {
    // Lost again since startOnce rebuilt it (or it could not be): the next start tries again.
    if (!(await this.deps.runtime.get(attempt.roomCode))) return err("ROOM_NOT_FOUND");
    const token = await signPlayerToken(
      { roomCode: attempt.roomCode, playerId: attempt.playerId },
      this.deps.secret,
    );
    return ok({ attempt, challenge, token, now });
  }

  /** The attempt's row and its solo room; a lost race to another tab keeps the other's. */
  private async openAttemptRoom(
    challenge: ChallengeRecord,
    participant: Participant,
  ): Promise<Result<null>> {
    const { repos, runtime, logger } = this.deps;
    const codingBaseline = await codingBaselineOf(challenge, this.deps.baseline);
    if (!codingBaseline.ok) return codingBaseline;
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const code = newRoomCode();
      if (await runtime.get(code)) continue;
      let roomId: string;
      try {
        roomId = (
          await repos.rooms.create({
            code,
            hostId: challenge.ownerId,
            questionSetId: challenge.questionSetId,
            questionSetIds: challenge.questionSetIds,
            settings: challenge.settings,
            questionIds: challenge.questions.map((q) => q.id),
            ...(challenge.selection === undefined ? {} : { selection: challenge.selection }),
            ...(challenge.eventId === null ? {} : { eventId: challenge.eventId }),
          })
        ).id;
      } catch (error) {
        if (error instanceof RoomCodeTakenError) continue;
        throw error;
      }
      const playerId = randomUUID();
      try {
        await repos.challenges.createAttempt({
          challengeId: challenge.id,
          participantKey: participant.key,
          userId: participant.userId,
          candidateId: participant.candidateId,
          roomId,
          playerId,
        });
      } catch (error) {
        await repos.challenges.discardEmptyRoom(roomId);
        if (error instanceof AttemptExistsError) return ok(null);
        throw error;
      }
      await runtime.open(
        attemptRoomState(
          challenge,
          { roomId, code },
          codingBaseline.data,
          this.now(),
          this.revealMs,
        ),
      );
      // The clock starts later, when the player's screen resumes this seat (player-handlers.ts).
      const joined = await seatPlayer(runtime, code, playerId, seatOf(participant));
      if (!joined.ok) {
        logger.error("challenge seat refused", { code, error: joined.error });
        return err(joined.error);
      }
      logger.info("challenge attempt opened", { challenge: challenge.id, code });
      return ok(null);
    }
    return err("INTERNAL");
  }

  private attemptDeps(): AttemptRoomDeps {
    const { repos, runtime, logger, baseline } = this.deps;
    const { now, revealMs } = this;
    return { repos, runtime, logger, now, revealMs, ...(baseline && { baseline }) };
  }

  /**
   * The challenge, if the caller may see it, and who they take part as. An event's challenge is
   * its candidates' (their token) and its organiser's (to look, not to play); any other is open
   * to anyone with the link, and signed-in users take it.
   */
  private async visible(
    caller: Caller,
    id: string,
  ): Promise<Result<{ challenge: ChallengeRecord; participant: Participant | null }>> {
    const { repos, secret } = this.deps;
    const challenge = /^[a-z0-9]{10,40}$/.test(id) ? await repos.challenges.get(id) : null;
    if (!challenge) return err("CHALLENGE_NOT_FOUND");
    if (challenge.eventId === null) {
      const participant = caller.userId
        ? {
            key: participantKey({ userId: caller.userId }),
            userId: caller.userId,
            candidateId: null,
            name: caller.userName ?? "",
          }
        : null;
      return ok({ challenge, participant });
    }
    const claims = caller.candidateToken
      ? await verifyCandidateToken(caller.candidateToken, secret)
      : null;
    const candidate =
      claims && claims.eventId === challenge.eventId
        ? await repos.events.candidate(claims.candidateId)
        : null;
    if (candidate && candidate.eventId === challenge.eventId) {
      return ok({
        challenge,
        participant: {
          key: participantKey({ candidateId: candidate.id }),
          userId: null,
          candidateId: candidate.id,
          name: candidate.name,
        },
      });
    }
    if (caller.userId === challenge.ownerId) return ok({ challenge, participant: null });
    return err("CHALLENGE_NOT_FOUND");
  }
}

export interface StartedAttemptData {
  attempt: AttemptRecord;
  challenge: ChallengeRecord;
  token: string;
  now: Date;
}

/** The room shows the player's own name, cut to fit; an unusable one becomes "Player". */
function seatOf(participant: Participant): AttemptSeat {
  const checked = normaliseNickname([...participant.name.trim()].slice(0, NICKNAME_MAX).join(""));
  const { userId, candidateId } = participant;
  return { nickname: checked.ok ? checked.nickname : "Player", userId, candidateId };
}
