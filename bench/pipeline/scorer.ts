import { measure } from "@/app/workers/compress";
import type { Dataset } from "@/app/workers/dataset";
import type { ModelArtifact } from "@/lib/model/artifact";
import { accuracyPerKb } from "@/lib/model/scoring";
import { gateUpload, uploadBytes } from "@/lib/model/gate";
import { ModelEvaluator } from "@/server/evaluator/evaluator";
import { createLogger } from "@/server/logger";

/** One version of a model as the bench reports it: the lab's own figures and the server's. */
export interface Row {
  stage: string;
  version: string;
  parameters: number;
  nonzero: number;
  /** The size rule (lib/model/size.ts), as the evaluator reports it. */
  bytes: number;
  /** Accuracy on the lab's held-out training images (compress.ts `measure`). */
  labAccuracy: number;
  publicAccuracy: number;
  privateAccuracy: number;
  /** accuracyPerKb(private, bytes): what a coding round ranks by above the floor. */
  accuracyPerKb: number;
  /** Wall time spent making this version (training, pruning, quantizing), not scoring it. */
  ms: number;
  note?: string;
}

/**
 * Scores every version twice over: `measure` (the lab's held-out figure, from the artifact as the
 * server will load it) and the server's real ModelEvaluator (public and private test splits, the
 * size rule). The evaluator runs in its own child process, exactly as the server runs it.
 */
export class Scorer {
  private readonly evaluator = new ModelEvaluator({
    timeLimitMs: 60_000,
    logger: createLogger("warn"),
  });
  readonly rows: Row[] = [];
  /** Each scored row's artifact, so the best can be written out and re-scored later. */
  readonly artifacts = new Map<Row, ModelArtifact>();

  constructor(private readonly data: Dataset) {}

  async warmUp(): Promise<void> {
    await this.evaluator.warmUp();
  }

  async score(
    stage: string,
    version: string,
    artifact: ModelArtifact,
    ms: number,
    note?: string,
  ): Promise<Row> {
    const lab = await measure(artifact, this.data);
    const gate = gateUpload(uploadBytes(artifact));
    if (!gate.ok) {
      throw new Error(`${version}: the gate refused it (${gate.error.code}: ${gate.error.detail})`);
    }
    const result = await this.evaluator.evaluate(gate.model);
    if (!result.ok) {
      throw new Error(
        `${version}: evaluator refused it (${result.rejection.code}: ${result.rejection.detail})`,
      );
    }
    const row: Row = {
      stage,
      version,
      parameters: lab.parameters,
      nonzero: Math.round(lab.parameters * (1 - lab.sparsity)),
      bytes: result.sizeBytes,
      labAccuracy: lab.validationAccuracy,
      publicAccuracy: result.publicAccuracy,
      privateAccuracy: result.privateAccuracy,
      accuracyPerKb: accuracyPerKb(result.privateAccuracy, result.sizeBytes),
      ms,
      ...(note ? { note } : {}),
    };
    this.rows.push(row);
    this.artifacts.set(row, artifact);
    return row;
  }

  close(): Promise<void> {
    return this.evaluator.close();
  }
}
