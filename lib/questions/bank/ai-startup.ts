import { QuestionSetSchema, type QuestionSet } from "../schema";
import { businessModelQuestions } from "./ai-startup/business-models";
import { codeCompressionQuestions } from "./ai-startup/code-compression";
import { codeMnistQuestions } from "./ai-startup/code-mnist";
import { frameworkQuestions } from "./ai-startup/frameworks";
import { innovationQuestions } from "./ai-startup/innovation";
import { largeModelQuestions } from "./ai-startup/large-models";
import { startupTeamQuestions } from "./ai-startup/startup-team";
import { trainingQuestions } from "./ai-startup/training";

/**
 * Questions written from the facts of the bundled article "AI 大模型创业之路" (six interview topics
 * and two code listings). Its sentences are not reused; where the article is wrong or sloppy, the
 * questions test the mistake and the explanations give the correct version. One file per topic
 * keeps each under ~300 lines. Parsing here fails at import time if any question breaks the schema.
 */
export const aiStartupQuestionSet: QuestionSet = QuestionSetSchema.parse({
  slug: "ai-startup-large-models",
  title: {
    zh: "AI 大模型创业之路",
    en: "Building a Startup on Large AI Models",
  },
  description: {
    zh: "从大模型基础、深度学习框架和模型训练，到团队建设、技术创新和商业模式，再到两段代码找错：手写数字识别和模型压缩。",
    en: "From large-model basics, frameworks and training to team building, innovation and business models, plus two spot-the-bug code listings: an MNIST classifier and model compression.",
  },
  source: "AI 大模型创业之路 (bundled article, see README)",
  questions: [
    ...largeModelQuestions,
    ...frameworkQuestions,
    ...trainingQuestions,
    ...startupTeamQuestions,
    ...innovationQuestions,
    ...businessModelQuestions,
    ...codeMnistQuestions,
    ...codeCompressionQuestions,
  ],
});
