import { createHash, randomUUID } from "node:crypto";
import { ok, type ErrorCode, type Result } from "@/lib/contract/errors";
import type { SubmissionResultView } from "@/lib/contract/views";
import type { ModelRejection } from "@/lib/model/rejections";
import type { TopologySummary } from "@/lib/model/topology";
import type { EvaluationResult } from "../evaluator/evaluator";
import { gateArtifact, sizeOf } from "../evaluator/static-checks";
import type { Logger } from "../logger";
import type { StoredSubmissionRow, SubmissionRepository } from "../repositories/types";
import type { RoomRuntime } from "../realtime/room-runtime";
import type { RoomTransport } from "../realtime/room-transport";

/** What the service needs of the evaluator (ModelEvaluator in production). */
export interface Evaluator {
  evaluate(
    input: unknown,
    options?: { knownSizeBytes?: number; owner?: string },
  ): Promise<EvaluationResult>;
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
 * Coding-round submissions from upload to leaderboard. A model that fails the static checks is
 * refused with its reason and costs nothing; one that passes is stored (bytes + SHA-256) through
 * the room engine, which counts it against the round's cap, and only then acknowledged. It is
 * then scored by the evaluator process in the background; the verdict is stored, handed to the
 * engine (board, points) and pushed to the player.
 */
export class CodingService {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      runtime: RoomRuntime;
      submissions: SubmissionRepository;
      evaluator: Evaluator;
      transport: Pick<RoomTransport, "submissionResult">;
      logger: Logger;
      now?: () => number;
    },
  ) {}

  async submit(input: {
    roomCode: string;
    playerId: string;
    questionIndex: number;
    body: Uint8Array;
  }): Promise<{ ok: true; data: AcceptedSubmission } | ({ ok: false } & SubmitRefusal)> {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(input.body));
    } catch {
      return { ok: false, error: "INVALID_PAYLOAD" };
    }
    // The cheap checks run before anything is stored: a refused model costs no submission slot.
    // Weight values (NaN, Infinity) are checked by the evaluator, which stores its verdict.
    const checked = gateArtifact(json);
    if (!checked.ok) return { ok: false, error: "MODEL_REJECTED", rejection: checked.error };
    const size = sizeOf(checked.artifact);
    if (!size.ok) return { ok: false, error: "MODEL_REJECTED", rejection: size.error };

    const submission = {
      id: randomUUID(),
      sha256: createHash("sha256").update(input.body).digest("hex"),
      sizeBytes: size.sizeBytes,
      parameters: checked.summary.parameters,
      body: input.body,
      summary: describe(checked.summary),
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
    this.track(
      this.evaluate({
        ...input,
        submissionId: submission.id,
        json,
        submittedAt,
        sizeBytes: size.sizeBytes,
      }),
    );
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
    const result = await this.deps.evaluator.evaluate(
      JSON.parse(new TextDecoder().decode(row.body)),
    );
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

  private async evaluate(job: {
    roomCode: string;
    playerId: string;
    questionIndex: number;
    submissionId: string;
    json: unknown;
    submittedAt: number;
    sizeBytes: number;
  }): Promise<void> {
    const { submissions, runtime, transport, logger } = this.deps;
    let result: EvaluationResult;
    try {
      const options = { knownSizeBytes: job.sizeBytes, owner: job.playerId };
      result = await this.deps.evaluator.evaluate(job.json, options);
    } catch (error) {
      logger.error("evaluation failed", { submissionId: job.submissionId, error: String(error) });
      result = {
        ok: false,
        rejection: { code: "EVALUATION_CRASHED", detail: "the evaluator is unavailable" },
      };
    }
    const at = new Date();
    await submissions.saveEvaluation(
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
