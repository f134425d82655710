import { z } from "zod";
import type { LocalizedText } from "../questions/schema";

/**
 * A coding round: players train an MNIST classifier in their browser, compress it and submit it;
 * the server scores it on a private split and ranks by accuracy per KB (lib/model/scoring.ts).
 * It sits in a room's sequence like a question, with its own settings.
 */
export const CODING_VARIANTS = ["scratch", "shrink"] as const;
/** The "shrink" variant's baseline model, a ModelArtifact served from public/. */
export const BASELINE_MODEL_URL = "/models/baseline-mlp.json";
export type CodingVariant = (typeof CODING_VARIANTS)[number];
/**
 * The persistent boards (/boards/:variant and its API) list this many models: the final models
 * of closed rounds that met their own round's task (its floor, and for "shrink" at most half the
 * baseline's size), best accuracy per KB first. There is no board-wide floor to pass in.
 */
export const BOARD_SIZE = 50;

export const CodingRoundSettingsSchema = z.object({
  /** "scratch": build, train and compress any allowed model. "shrink": halve the baseline. */
  variant: z.enum(CODING_VARIANTS).default("scratch"),
  durationSec: z.number().int().min(60).max(3600).default(600),
  /** Models below this private-split accuracy rank after every model above it. */
  accuracyFloor: z.number().min(0).max(1).default(0.9),
  maxSubmissions: z.number().int().min(1).max(50).default(10),
  /** How many training images a player may download and train on. */
  trainingBudget: z.number().int().min(1000).max(60000).default(60000),
  /** "shrink" only: accuracy may drop at most this much (absolute) below the baseline's. */
  maxAccuracyDrop: z.number().min(0).max(0.2).default(0.01),
});
export type CodingRoundSettings = z.infer<typeof CodingRoundSettingsSchema>;

/** Where a host puts a coding round: after that many quiz questions (0 = first). */
export const PlacedCodingRoundSchema = CodingRoundSettingsSchema.extend({
  afterQuestion: z.number().int().min(0).max(200).default(0),
});
export type PlacedCodingRound = z.infer<typeof PlacedCodingRoundSchema>;

export interface CodingRound extends CodingRoundSettings {
  type: "coding";
  id: string;
  prompt: LocalizedText;
  explanation: LocalizedText;
}

export function codingRound(id: string, settings: CodingRoundSettings): CodingRound {
  const floor = `${Math.round(settings.accuracyFloor * 1000) / 10}%`;
  const drop = `${Math.round(settings.maxAccuracyDrop * 1000) / 10}`;
  const text: Record<CodingVariant, { prompt: LocalizedText; explanation: LocalizedText }> = {
    scratch: {
      prompt: {
        zh: `训练一个手写数字分类器，压缩它并提交：在准确率不低于 ${floor} 的前提下，每 KB 准确率越高越好。`,
        en: `Train a handwritten-digit classifier, compress it and submit it: highest accuracy per KB wins, among models at or above ${floor} accuracy.`,
      },
      explanation: {
        zh: "量化把每个权重从 4 字节降到 1–2 字节；剪枝把小权重置零，gzip 后几乎不占空间；蒸馏让小模型学习大模型的软标签。",
        en: "Quantization stores each weight in 1-2 bytes instead of 4; pruning zeroes small weights, which gzip then nearly erases; distillation teaches a small student from a larger teacher's soft labels.",
      },
    },
    shrink: {
      prompt: {
        zh: `把基线模型缩小到一半以下，准确率下降不超过 ${drop} 个百分点；越小越好。`,
        en: `Shrink the baseline model to half its size or less, losing at most ${drop} percentage ${drop === "1" ? "point" : "points"} of accuracy; smaller is better.`,
      },
      explanation: {
        zh: "对全连接层做剪枝加 8 位量化，通常能把模型缩小十倍以上而几乎不损失准确率。",
        en: "Pruning plus 8-bit quantization of the dense kernels usually shrinks such a model more than tenfold at almost no cost in accuracy.",
      },
    },
  };
  return { type: "coding", id, ...settings, ...text[settings.variant] };
}
