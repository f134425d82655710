import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { IMPORT_MAX_BYTES, type ImportResult } from "@/lib/question-sets/issues";
import {
  QUESTION_SET_FORMAT,
  draftFromBank,
  exportQuestionSetJson,
  importQuestionSetJson,
} from "@/lib/question-sets/json-format";
import { questionSetJsonSchemaText } from "@/lib/question-sets/json-schema";
import { QuestionSetDraftSchema } from "@/lib/question-sets/schema";
import { aiStartupQuestionSet } from "@/lib/questions/bank/ai-startup";
import { draftInput } from "../support/set-drafts";

const draft = QuestionSetDraftSchema.parse(draftInput());
/** Issues as "row field: message" lines ("-" for the file or the set's own fields). */
const lines = (result: ImportResult) =>
  result.ok ? [] : result.issues.map((i) => `${i.row ?? "-"} ${i.field}: ${i.message}`);
const file = () => JSON.parse(exportQuestionSetJson(draft)) as Record<string, unknown>;

describe("question set JSON format", () => {
  it("round-trips: export -> import gives an identical set, and the same file again", () => {
    const text = exportQuestionSetJson(draft);
    const back = importQuestionSetJson(text);
    expect(back).toEqual({ ok: true, set: draft });
    if (back.ok) expect(exportQuestionSetJson(back.set)).toBe(text);
  });

  it("says what it is: format, version and the schema's URL", () => {
    expect(file()).toMatchObject({
      $schema: "/schemas/question-set.v1.json",
      format: QUESTION_SET_FORMAT,
      version: 1,
    });
  });

  it("accepts a BOM in front of the JSON", () => {
    expect(importQuestionSetJson(`\uFEFF${exportQuestionSetJson(draft)}`).ok).toBe(true);
  });

  it("names a wrong kind of file, a newer version and broken JSON, importing nothing", () => {
    expect(lines(importQuestionSetJson(JSON.stringify({ ...file(), format: "kahoot" })))).toEqual([
      '- format: not a question set file ("format" must be "kilobyte-arena/question-set")',
    ]);
    expect(lines(importQuestionSetJson(JSON.stringify({ ...file(), version: 2 })))).toEqual([
      "- version: version 2 is not supported (this server reads version 1)",
    ]);
    const broken = importQuestionSetJson('{"format": ');
    expect(broken.ok ? [] : broken.issues.map((i) => i.field)).toEqual(["(file)"]);
  });

  it("reports every bad question with its number and field, and returns no set", () => {
    const f = file();
    const questions = f.questions as Record<string, unknown>[];
    questions[0] = { ...questions[0], correct: 9 };
    questions[3] = { ...questions[3], items: [{ en: "one", zh: "一" }] };
    questions[4] = { ...questions[4], tolerance: "Infinity" };
    questions[5] = { ...questions[5], type: "essay" };
    const result = importQuestionSetJson(
      JSON.stringify({ ...f, set: { ...(f.set as object), title: {} } }),
    );
    expect(lines(result)).toEqual([
      "- set.title.zh: missing the Chinese text (the set's language is both)",
      "- set.title.en: missing the English text (the set's language is both)",
      "1 correct: no correct option: there is no option 10",
      "4 items: an ordering question needs 3 to 6 items",
      "5 tolerance: must be a finite number",
      "6 type: Invalid discriminator value. Expected 'single' | 'multiple' | 'truefalse' | 'ordering' | 'numeric' | 'text'",
    ]);
  });

  it("names the rest of the issue's list: no correct option, duplicate options, 1e999", () => {
    const f = file();
    const questions = f.questions as Record<string, unknown>[];
    questions[0] = {
      ...questions[0],
      options: [
        { en: "Same", zh: "同" },
        { en: " same ", zh: "异" },
      ],
      correct: 0,
    };
    questions[1] = { ...questions[1], correct: [] };
    const text = JSON.stringify({ ...f, questions }).replace(
      /"tolerance":[^,}]+/,
      '"tolerance":1e999',
    );
    expect(lines(importQuestionSetJson(text))).toEqual([
      "1 options[1].en: same text as option 1",
      "2 correct: at least one option must be correct",
      "5 tolerance: must be a finite number",
    ]);
  });

  it("refuses a file over the size cap before parsing it", () => {
    const huge = `{"pad":"${"x".repeat(IMPORT_MAX_BYTES)}"}`;
    expect(lines(importQuestionSetJson(huge))).toEqual([
      "- (file): the file is 5.0 MB; the limit is 5.0 MB",
    ]);
  });

  it("the article bank exports and imports cleanly, and examples/ holds its current export", async () => {
    const bank = draftFromBank(aiStartupQuestionSet);
    const text = exportQuestionSetJson(bank);
    expect(importQuestionSetJson(text)).toEqual({ ok: true, set: bank });
    const example = await readFile("examples/question-sets/ai-startup.json", "utf8");
    expect(example).toBe(text);
  });

  it("public/schemas/question-set.v1.json is the schema generated from zod (npm run schema:question-set)", async () => {
    const committed = await readFile("public/schemas/question-set.v1.json", "utf8");
    expect(committed).toBe(questionSetJsonSchemaText());
  });
});
