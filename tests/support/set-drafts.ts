import type { QuestionSetDraftInput, SetQuestionInput } from "@/lib/question-sets/schema";

/** One question of each of the six types, in both languages, with known answers. */
const t = (en: string, zh = `中文 ${en}`) => ({ en, zh });

export const SIX_TYPES: SetQuestionInput[] = [
  {
    id: "pick-framework",
    type: "single",
    topic: "frameworks",
    difficulty: 1,
    prompt: t("Which framework comes from Meta?"),
    options: [t("TensorFlow"), t("PyTorch"), t("MXNet")],
    correct: 1,
    explanation: t("PyTorch was developed at Meta."),
    timeLimitSec: 30,
  },
  {
    id: "compression",
    type: "multiple",
    topic: "compression",
    difficulty: 2,
    prompt: t("Which are compression methods?"),
    options: [t("Pruning"), t("Data augmentation"), t("=Quantization"), t("'Distillation")],
    correct: [0, 2, 3],
    explanation: t("Pruning, quantization, distillation."),
  },
  {
    id: "schedules",
    type: "truefalse",
    topic: "training",
    difficulty: 1,
    prompt: t("Learning-rate schedules can help training."),
    correct: true,
    explanation: t("Yes."),
    code: "@tf.function\ndef step():\n    pass",
  },
  {
    id: "pipeline",
    type: "ordering",
    topic: "training",
    difficulty: 3,
    prompt: t('Put the steps in order, with a\nline break, "quotes" and, commas.'),
    items: [t("Collect data"), t("-Train"), t("+Evaluate")],
    explanation: t("Data, then training, then evaluation."),
  },
  {
    id: "mnist-size",
    type: "numeric",
    topic: "训练-数据",
    difficulty: 2,
    prompt: t("How many training images does MNIST have (thousands)?"),
    correct: 60,
    tolerance: 0.5,
    unit: t("thousand", "千"),
    explanation: t("60,000."),
  },
  {
    id: "keras-base",
    type: "text",
    topic: "frameworks",
    difficulty: 2,
    prompt: t("Keras builds on which framework?"),
    accepted: ["TensorFlow", "tf"],
    explanation: t("TensorFlow."),
  },
];

export function draftInput(overrides: Partial<QuestionSetDraftInput> = {}): QuestionSetDraftInput {
  return {
    title: t("Six types"),
    description: t("One of each"),
    language: "both",
    tags: ["demo", "机器学习"],
    source: "tests",
    questions: SIX_TYPES,
    ...overrides,
  };
}
