import { QuestionSetSchema, type QuestionSet } from "@/lib/questions/schema";

/** A small set with known answers, so tests can play right and wrong on purpose. */
export const FIXTURE_SET: QuestionSet = QuestionSetSchema.parse({
  slug: "test-fixture",
  title: { zh: "测试题集", en: "Test set" },
  description: { zh: "集成测试用", en: "For integration tests" },
  source: "tests",
  questions: [
    {
      id: "q-single",
      type: "single",
      topic: "frameworks",
      difficulty: 1,
      prompt: { zh: "哪个框架来自 Meta？", en: "Which framework comes from Meta?" },
      options: [
        { zh: "TensorFlow", en: "TensorFlow" },
        { zh: "PyTorch", en: "PyTorch" },
        { zh: "MXNet", en: "MXNet" },
      ],
      correct: 1,
      explanation: { zh: "PyTorch 由 Meta 开发。", en: "PyTorch was developed at Meta." },
    },
    {
      id: "q-truefalse",
      type: "truefalse",
      topic: "training",
      difficulty: 1,
      prompt: {
        zh: "学习率调度可以改善训练。",
        en: "Learning-rate schedules can improve training.",
      },
      correct: true,
      explanation: { zh: "是的。", en: "Yes." },
    },
    {
      id: "q-multiple",
      type: "multiple",
      topic: "innovation",
      difficulty: 2,
      prompt: { zh: "哪些是压缩方法？", en: "Which are compression methods?" },
      options: [
        { zh: "剪枝", en: "Pruning" },
        { zh: "数据增强", en: "Data augmentation" },
        { zh: "量化", en: "Quantization" },
      ],
      correct: [0, 2],
      explanation: { zh: "剪枝和量化。", en: "Pruning and quantization." },
    },
    {
      id: "q-text",
      type: "text",
      topic: "frameworks",
      difficulty: 2,
      prompt: { zh: "Keras 基于哪个框架？", en: "Keras builds on which framework?" },
      accepted: ["TensorFlow"],
      explanation: { zh: "TensorFlow。", en: "TensorFlow." },
    },
  ],
});
