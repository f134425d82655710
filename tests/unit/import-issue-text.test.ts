import { describe, expect, it } from "vitest";
import { issueText } from "@/app/sets/issue-text";
import { en } from "@/app/lib/messages/en";
import { zh } from "@/app/lib/messages/zh";
import { translate } from "@/app/lib/translate";
import type { MessageKey } from "@/app/lib/messages/en";
import { importQuestionSetCsv } from "@/lib/question-sets/csv";
import type { ImportIssue } from "@/lib/question-sets/issues";
import { exportQuestionSetJson, importQuestionSetJson } from "@/lib/question-sets/json-format";
import { QuestionSetDraftSchema } from "@/lib/question-sets/schema";
import { draftInput } from "../support/set-drafts";

/**
 * The import's issue table speaks the reader's language: every wording the CSV and JSON importers
 * produce for the issue's list of bad inputs (and the file-level ones) maps to a dictionary entry,
 * never to the "not accepted: <English>" fallback.
 */
const EN = { title: { en: "T" }, language: "en" as const };
const HEADER =
  "type,topic,difficulty,prompt_en,option_1_en,option_2_en,correct,tolerance,explanation_en";

function issuesOfBadFiles(): ImportIssue[] {
  const csv = (...rows: string[]) => importQuestionSetCsv([HEADER, ...rows].join("\n"), EN);
  const json = (text: string) => importQuestionSetJson(text);
  const file = JSON.parse(exportQuestionSetJson(QuestionSetDraftSchema.parse(draftInput()))) as {
    questions: Record<string, unknown>[];
  };
  const results = [
    importQuestionSetCsv("x".repeat(6 * 1024 * 1024), EN),
    importQuestionSetCsv("", EN),
    importQuestionSetCsv(`${HEADER}\n`, EN),
    importQuestionSetCsv("prompt,type,type\nQ,single,single\n", EN),
    importQuestionSetCsv("type,topic,difficulty\nsingle,t,1\n", EN),
    csv(
      'single,t,1,"=HYPERLINK(""x"")",A,B,1,,E',
      "single,t,1,Q,A,B,,,E",
      "single,t,1,Q,A,B,x,,E",
      "numeric,t,1,Q,,,3,Infinity,E",
      "essay,t,1,Q,,,,,E",
      "truefalse,t,9,Q,A,,yes,,E",
      "single,t,1,Q,Same,same,1,,E,extra",
    ),
    csv('single,t,1,"unclosed'),
    csv(...Array.from({ length: 2001 }, (_, i) => `single,t,1,Q${i},A,B,1,,E`)),
    json('{"format": '),
    json(JSON.stringify({ ...file, format: "kahoot" })),
    json(JSON.stringify({ ...file, version: 2 })),
    json(JSON.stringify({ ...file, questions: [{ ...file.questions[0], type: "essay" }] })),
  ];
  return results.flatMap((r) => (r.ok ? [] : r.issues));
}

describe("import issue wording", () => {
  const issues = issuesOfBadFiles();

  it.each([
    ["en", en],
    ["zh", zh],
  ] as const)("every import issue has a %s wording of its own", (_, messages) => {
    const fallbacks: string[] = [];
    const t = (key: MessageKey, params?: Record<string, string | number>) => {
      if (key === "sets.issue.other") fallbacks.push(String(params?.message));
      return translate(messages, key, params);
    };
    const texts = issues.map((issue) => issueText(t, issue));
    expect(fallbacks).toEqual([]);
    // No placeholder left unfilled.
    expect(texts.filter((text) => /\{\w+\}/.test(text))).toEqual([]);
  });

  it("reaches the file, header and cell wordings, not just one", () => {
    const keys = new Set<string>();
    const t = (key: MessageKey) => {
      keys.add(key);
      return key;
    };
    for (const issue of issues) issueText(t, issue);
    expect(keys.size).toBeGreaterThanOrEqual(20);
  });
});
