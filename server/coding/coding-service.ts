import { randomUUID } from "node:crypto";
import { ok, type ErrorCode, type Result } from "@/lib/contract/errors";
import type { SubmissionResultView } from "@/lib/contract/views";
import { submissionRefusal, trainingBudgetFor, type SubmissionRefusal } from "@/lib/game/coding";
import type { GatedModel } from "@/lib/model/gate";
import type { ModelRejection } from "@/lib/model/rejections";
import type { TopologySummary } from "@/lib/model/topology";
import type { EvaluationResult } from "../evaluator/evaluator";
import type { Logger } from "../logger";
import { GateBusyError, GatePool, type GateOutcome } from "./gate-pool";
import type { StoredSubmissionRow, SubmissionRepository } from "../repositories/types";
import type { RoomRuntime } from "../realtime/room-runtime";
import type { RoomTransport } from "../realtime/room-transport";

/** What the service needs of the evaluator (ModelEvaluator in production). */
export interface Evaluator {
  /** owner: the player, so players are scored in turn (server/evaluator/fair-queue.ts). */
  evaluate(model: GatedModel, options?: { owner?: string }): Promise<EvaluationResult>;
}

export interface SubmissionTarget {
  roomCode: string;
  playerId: string;
  questionIndex: number;
}

export type SubmitRefusal =
  | { error: Exclude<ErrorCode, "MODEL_REJECTED">; rejection?: undefined }
  | { error: "MODEL_REJECTED"; rejection: ModelRejection };

export interface AcceptedSubmission {
  submissionId: string;
  sizeBytes: number;
  parameters: number;
  sha256: string;
}

/**
 * Coding-round submissions from upload to leaderboard, cheapest check first: the room's own
 * refusal (kicked, closed round, no slots left) from a snapshot of its state, then the upload gate
 * (lib/model/gate.ts) on a worker thread, which parses, checks every weight and applies the size
 * rule. A model the gate refuses costs nothing; one that passes is stored (bytes + SHA-256)
 * through the room engine, which checks the room again atomically and counts it against the cap,
 * and only then acknowledged. It is then scored by the evaluator process in the background; the
 * verdict is stored, handed to the engine (board, points) and pushed to the player.
 */
/** Attempts to store a verdict (about two minutes of back-off) before the engine is told anyway. */
const SAVE_ATTEMPTS = 8;

export class CodingService {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly gates: GatePool;

  constructor(
    private readonly deps: {
      runtime: RoomRuntime;
      submissions: SubmissionRepository;
      evaluator: Evaluator;
      transport: Pick<RoomTransport, "submissionResult">;
      logger: Logger;
      /** The upload gate's threads; a private pool of one when absent. */
      gates?: GatePool;
      now?: () => number;
    },
  ) {
    this.gates = deps.gates ?? new GatePool({ logger: deps.logger });
  }

  /**
   * Why the room would refuse a submission from this player now, or null. An early answer from a
   * snapshot, before any body is read: the engine decides again when the submission is stored.
   */
  async refusal(target: SubmissionTarget): Promise<SubmissionRefusal | "ROOM_NOT_FOUND" | null> {
    const state = await this.deps.runtime.get(target.roomCode);
    if (!state) return "ROOM_NOT_FOUND";
    const now = (this.deps.now ?? Date.now)();
    return submissionRefusal(state, target.playerId, target.questionIndex, now);
  }

  /** The round's training-data budget for this player (lib/game/coding.ts), or a refusal. */
  async trainingBudget(target: SubmissionTarget): Promise<number | ErrorCode> {
    const state = await this.deps.runtime.get(target.roomCode);
    if (!state) return "ROOM_NOT_FOUND";
    return trainingBudgetFor(state, target.playerId, target.questionIndex);
  }

  /** The body is transferred to the gate's thread: the caller must not use it afterwards. */
  async submit(
    input: SubmissionTarget & { body: Uint8Array },
  ): Promise<{ ok: true; data: AcceptedSubmission } | ({ ok: false } & SubmitRefusal)> {
    // Again, cheaply: the round may have closed while the body was arriving.
    const early = await this.refusal(input);
    if (early) return { ok: false, error: early };
    const gated = await this.gate(input.body);
    if (!gated.ok) return gated;
    const { result, sha256, body } = gated.outcome;
    if (!result.ok) return { ok: false, error: "MODEL_REJECTED", rejection: result.error };
    const { model } = result;

    const submission = {
      id: randomUUID(),
      sha256,
      sizeBytes: model.sizeBytes,
      parameters: model.summary.parameters,
      body,
      summary: describe(model.summary),
    };
    const stored = await this.deps.runtime.dispatch(input.roomCode, {
      type: "coding:submit",
      playerId: input.playerId,
      questionIndex: input.questionIndex,
      submission,
    });
    if (!stored.ok) {
      // The engine never answers MODEL_REJECTED; keep the union honest for the type checker.
      return { ok: false, error: stored.error === "MODEL_REJECTED" ? "INTERNAL" : stored.error };
    }

    const submittedAt = (this.deps.now ?? Date.now)();
    this.track(this.evaluate({ ...input, submissionId: submission.id, model, submittedAt }));
    return {
      ok: true,
      data: {
        submissionId: submission.id,
        sizeBytes: submission.sizeBytes,
        parameters: submission.parameters,
        sha256: submission.sha256,
      },
    };
  }

  /** Re-scores a stored submission from its stored bytes; the result must equal the stored one. */
  async rescore(
    row: StoredSubmissionRow,
  ): Promise<Result<{ stored: Score; rescored: Score; identical: boolean }>> {
    // The stored bytes go through the same gate as an upload: a rule change shows up here too.
    const gated = await this.gate(row.body.slice());
    if (!gated.ok) return { ok: false, error: gated.error };
    const gate = gated.outcome.result;
    const result: EvaluationResult = gate.ok
      ? await this.deps.evaluator.evaluate(gate.model)
      : { ok: false, rejection: gate.error };
    const rescored: Score = result.ok
      ? {
          status: "SCORED",
          publicAccuracy: result.publicAccuracy,
          privateAccuracy: result.privateAccuracy,
          sizeBytes: result.sizeBytes,
        }
      : { status: "REJECTED", rejectionCode: result.rejection.code };
    const stored: Score =
      row.status === "SCORED"
        ? {
            status: "SCORED",
            publicAccuracy: row.publicAccuracy ?? 0,
            privateAccuracy: row.privateAccuracy ?? 0,
            sizeBytes: row.sizeBytes,
          }
        : { status: row.status, rejectionCode: row.rejectionCode ?? undefined };
    return ok({ stored, rescored, identical: JSON.stringify(stored) === JSON.stringify(rescored) });
  }

  /** Resolves when every background evaluation started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops the gate's threads once nothing is in flight (shutdown). */
  async close(): Promise<void> {
    await this.idle();
    if (!this.deps.gates) await this.gates.close();
  }

  /** How many uploads the gate's threads have gated, and on which threads (tests, benchmarks). */
  gateStats(): { completed: number; threads: number[] } {
    return { completed: this.gates.completed, threads: [...this.gates.gatedOnThreads] };
  }

  private async gate(
    body: Uint8Array,
  ): Promise<
    { ok: true; outcome: GateOutcome } | { ok: false; error: "RATE_LIMITED" | "INTERNAL" }
  > {
    try {
      return { ok: true, outcome: await this.gates.gate(body) };
    } catch (error) {
      if (error instanceof GateBusyError) return { ok: false, error: "RATE_LIMITED" };
      this.deps.logger.error("upload gate failed", { error: String(error) });
      return { ok: false, error: "INTERNAL" };
    }
  }

  private async evaluate(job: {
    roomCode: string;
    playerId: string;
    questionIndex: number;
    submissionId: string;
    model: GatedModel;
    submittedAt: number;
  }): Promise<void> {
    const { submissions, runtime, transport, logger } = this.deps;
    let result: EvaluationResult;
    try {
      result = await this.deps.evaluator.evaluate(job.model, { owner: job.playerId });
    } catch (error) {
      logger.error("evaluation failed", { submissionId: job.submissionId, error: String(error) });
      result = {
        ok: false,
        rejection: { code: "EVALUATION_CRASHED", detail: "the evaluator is unavailable" },
      };
    }
    const at = new Date();
    await this.saveWithRetry(job.submissionId, () =>
      submissions.saveEvaluation(
        job.submissionId,
        result.ok
          ? {
              ok: true,
              publicAccuracy: result.publicAccuracy,
              privateAccuracy: result.privateAccuracy,
              evaluatorVersion: String(result.evaluatorVersion),
              ms: Math.round(result.ms),
            }
          : {
              ok: false,
              code: result.rejection.code,
              detail: result.rejection.detail,
              evaluatorVersion: "1",
              ms: 0,
            },
        at,
      ),
    );
    await runtime.dispatch(job.roomCode, {
      type: "coding:evaluated",
      playerId: job.playerId,
      questionIndex: job.questionIndex,
      submissionId: job.submissionId,
      submittedAt: job.submittedAt,
      result: result.ok
        ? {
            ok: true,
            publicAccuracy: result.publicAccuracy,
            privateAccuracy: result.privateAccuracy,
            sizeBytes: result.sizeBytes,
          }
        : { ok: false },
    });
    // Only the public split's score reaches the player during the round.
    const view: SubmissionResultView = result.ok
      ? {
          submissionId: job.submissionId,
          ok: true,
          publicAccuracy: result.publicAccuracy,
          sizeBytes: result.sizeBytes,
          sentAt: Date.now(),
        }
      : {
          submissionId: job.submissionId,
          ok: false,
          rejection: result.rejection,
          sentAt: Date.now(),
        };
    transport.submissionResult(job.playerId, view);
  }

  /**
   * A verdict is stored before the engine hears it, and the engine's close waits for every verdict:
   * a database that is briefly down must delay the round, not lose the score or leave the close
   * waiting forever. After the last attempt the engine is told anyway (its own close write then
   * retries through the host), and the failure is logged with the submission id.
   */
  private async saveWithRetry(submissionId: string, save: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await save();
      } catch (error) {
        this.deps.logger.warn("could not store a verdict", {
          submissionId,
          attempt,
          error: String(error),
        });
        if (attempt >= SAVE_ATTEMPTS) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
      }
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.deps.logger.error("submission pipeline failed", { error: String(error) }),
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

export type Score =
  | { status: "SCORED"; publicAccuracy: number; privateAccuracy: number; sizeBytes: number }
  | { status: "REJECTED" | "PENDING"; rejectionCode?: string };

/** "Conv2D(4) > MaxPooling2D > Dense(10)": what boards show of a model. */
function describe(summary: TopologySummary): string {
  return summary.layers
    .filter((l) => l.className !== "InputLayer")
    .map((l) => l.className)
    .join(" > ")
    .slice(0, 200);
}
