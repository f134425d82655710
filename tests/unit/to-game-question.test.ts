import { describe, expect, it } from "vitest";
import { QuestionSchema, QuestionSetSchema } from "@/lib/questions/schema";
import { SetQuestionSchema } from "@/lib/question-sets/schema";
import { toGameQuestion } from "@/lib/question-sets/to-game";
import { isKnownTopic } from "@/lib/questions/topics";

describe("a host's question as the game plays it", () => {
  it("fills a one-language set's other language from the one it has, on every text", () => {
    const zhOnly = SetQuestionSchema.parse({
      id: "units",
      type: "numeric",
      topic: "物理",
      difficulty: 1,
      prompt: { zh: "光速约为多少？" },
      correct: 300,
      tolerance: 1,
      unit: { zh: "千公里每秒" },
      explanation: { zh: "约 30 万公里每秒。" },
    });
    const played = QuestionSchema.parse(toGameQuestion(zhOnly));
    expect(played).toMatchObject({
      topic: "物理",
      prompt: { zh: "光速约为多少？", en: "光速约为多少？" },
      unit: { zh: "千公里每秒", en: "千公里每秒" },
      explanation: { zh: "约 30 万公里每秒。", en: "约 30 万公里每秒。" },
    });
  });

  it("keeps both languages, options and items as written", () => {
    const both = SetQuestionSchema.parse({
      id: "order",
      type: "ordering",
      topic: "steps",
      difficulty: 2,
      prompt: { zh: "排序", en: "Order" },
      items: [{ en: "one" }, { en: "two" }, { zh: "三", en: "three" }],
      explanation: { en: "So." },
    });
    const played = toGameQuestion(both);
    if (played.type !== "ordering") throw new Error("type changed");
    expect(played.prompt).toEqual({ zh: "排序", en: "Order" });
    expect(played.items).toEqual([
      { zh: "one", en: "one" },
      { zh: "two", en: "two" },
      { zh: "三", en: "three" },
    ]);
  });

  it("tells the article's topics from a host's tag; the bank still holds to the eight", () => {
    expect(isKnownTopic("frameworks")).toBe(true);
    expect(isKnownTopic("graphs")).toBe(false);
    const bank = {
      slug: "b",
      title: { zh: "题", en: "T" },
      description: { zh: "题", en: "D" },
      source: "s",
      questions: [
        {
          id: "q1",
          type: "truefalse",
          topic: "graphs",
          difficulty: 1,
          prompt: { zh: "题", en: "Q" },
          correct: true,
          explanation: { zh: "是", en: "Yes" },
        },
      ],
    };
    expect(QuestionSetSchema.safeParse(bank).success).toBe(false);
    bank.questions[0]!.topic = "training";
    expect(QuestionSetSchema.safeParse(bank).success).toBe(true);
  });
});
