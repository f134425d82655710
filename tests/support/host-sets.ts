import type { QuestionSetDraftInput, SetQuestionInput } from "@/lib/question-sets/schema";

/**
 * Small host sets for room-setup tests, in English only (the language policy lets a set carry
 * one language), with free topic tags that are not the article's eight.
 */
const en = (text: string) => ({ en: text });

const single = (
  id: string,
  topic: string,
  difficulty: 1 | 2 | 3,
  options = ["Alpha", "Beta", "Gamma", "Delta"],
): SetQuestionInput => ({
  id,
  type: "single",
  topic,
  difficulty,
  prompt: en(`Prompt ${id}?`),
  options: options.map(en),
  correct: 0,
  explanation: en(`Because ${id}.`),
});

/** Set A: graph questions of mixed types and difficulties, and one "trees" question. */
export const SET_A: QuestionSetDraftInput = {
  title: en("Graphs A"),
  language: "en",
  questions: [
    single("a-one", "graphs", 1),
    {
      id: "a-two",
      type: "truefalse",
      topic: "graphs",
      difficulty: 2,
      prompt: en("Prompt a-two?"),
      correct: true,
      explanation: en("Yes."),
    },
    single("a-three", "trees", 1),
    {
      id: "a-four",
      type: "numeric",
      topic: "graphs",
      difficulty: 1,
      prompt: en("Prompt a-four?"),
      correct: 3,
      explanation: en("Three."),
    },
  ],
};

/** Set B: more graph questions. */
export const SET_B: QuestionSetDraftInput = {
  title: en("Graphs B"),
  language: "en",
  questions: [
    single("b-one", "graphs", 1),
    {
      id: "b-two",
      type: "text",
      topic: "graphs",
      difficulty: 3,
      prompt: en("Prompt b-two?"),
      accepted: ["dijkstra"],
      explanation: en("Dijkstra."),
    },
    single("b-three", "graphs", 1, ["North", "South", "East"]),
  ],
};

/** What the filter { topics: graphs, types: single, difficulty 1 } matches, in set order. */
export const GRAPHS_SINGLE_EASY = ["a-one", "b-one", "b-three"];

/** A Chinese-only set whose topic is a host's own tag in Chinese. */
export const ZH_ONLY_SET: QuestionSetDraftInput = {
  title: { zh: "图论小测" },
  language: "zh",
  questions: [
    {
      id: "zh-one",
      type: "single",
      topic: "图论",
      difficulty: 2,
      prompt: { zh: "最短路径用哪个算法？" },
      options: [{ zh: "迪杰斯特拉" }, { zh: "冒泡排序" }],
      correct: 0,
      explanation: { zh: "迪杰斯特拉算法。" },
    },
  ],
};
