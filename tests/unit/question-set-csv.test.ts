import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, escapeCell, unescapeCell } from "@/lib/question-sets/csv-columns";
import { exportQuestionSetCsv, importQuestionSetCsv } from "@/lib/question-sets/csv";
import { IMPORT_MAX_BYTES, type ImportResult } from "@/lib/question-sets/issues";
import { draftFromBank } from "@/lib/question-sets/json-format";
import { QuestionSetDraftSchema, type SetMeta } from "@/lib/question-sets/schema";
import { aiStartupQuestionSet } from "@/lib/questions/bank/ai-startup";
import { draftInput } from "../support/set-drafts";

const draft = QuestionSetDraftSchema.parse(draftInput());
const meta: Partial<SetMeta> = {
  title: draft.title,
  description: draft.description,
  language: draft.language,
  tags: draft.tags,
  source: draft.source,
};
const lines = (result: ImportResult) =>
  result.ok
    ? []
    : result.issues.map((i) => `${i.row ?? "-"}/${i.line ?? "-"} ${i.field}: ${i.message}`);

/** A CSV written by hand: a header and rows of cells, joined as the test says. */
function csv(rows: string[][], newline = "\n"): string {
  return rows.map((cells) => cells.join(",")).join(newline) + newline;
}
const HEADER = [
  "type",
  "topic",
  "difficulty",
  "prompt_en",
  "option_1_en",
  "option_2_en",
  "correct",
  "explanation_en",
];
const single = (prompt = "Q?", a = "A", b = "B", correct = "1") => [
  "single",
  "t",
  "1",
  prompt,
  a,
  b,
  correct,
  "Because",
];
const EN: Partial<SetMeta> = { title: { en: "Imported" }, language: "en" };

describe("question set CSV", () => {
  it("round-trips: export -> import gives identical questions, and the same file again", () => {
    const text = exportQuestionSetCsv(draft.questions);
    const back = importQuestionSetCsv(text, meta);
    expect(back).toEqual({ ok: true, set: draft });
    if (back.ok) expect(exportQuestionSetCsv(back.set.questions)).toBe(text);
  });

  it("round-trips the whole article bank (code listings, both languages)", () => {
    const bank = draftFromBank(aiStartupQuestionSet);
    const back = importQuestionSetCsv(exportQuestionSetCsv(bank.questions), bank);
    expect(back).toEqual({ ok: true, set: bank });
  });

  it("exports a BOM, CRLF, the documented header, and escapes formula-looking cells", () => {
    const text = exportQuestionSetCsv(draft.questions);
    expect(text.startsWith("\uFEFFid,type,topic,")).toBe(true);
    expect(text).toContain("\r\n");
    const { data } = Papa.parse<Record<string, string>>(text.slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    expect(Object.keys(data[0]!)).toEqual(CSV_COLUMNS);
    const multiple = data.find((row) => row.id === "compression")!;
    expect(multiple.option_3_en).toBe("'=Quantization");
    // An apostrophe before a letter is text, not an escape: written and read as it is.
    expect(multiple.option_4_en).toBe("'Distillation");
    expect(multiple.correct).toBe("1;3;4");
    const ordering = data.find((row) => row.id === "pipeline")!;
    expect([ordering.option_2_en, ordering.option_3_en]).toEqual(["'-Train", "'+Evaluate"]);
    expect(data.find((row) => row.id === "schedules")!.code).toBe(
      "'@tf.function\ndef step():\n    pass",
    );
    // Plain numbers stay numbers: a spreadsheet does not run "-3".
    expect(data.find((row) => row.id === "mnist-size")!.correct).toBe("60");
  });

  it("reads a BOM, Windows line endings and quoted newlines, numbering rows and lines", () => {
    const text = `\uFEFF${csv([HEADER, single('"Line one\r\nline two"'), single("Second", "X", "Y", "2")], "\r\n")}`;
    const result = importQuestionSetCsv(text, EN);
    expect(lines(result)).toEqual([]);
    if (!result.ok) return;
    expect(result.set.questions.map((q) => [q.id, q.prompt.en])).toEqual([
      ["q-2", "Line one\r\nline two"],
      ["q-3", "Second"],
    ]);
    // The same file with a bad third row: row 3 of the spreadsheet starts on line 4 of the file.
    const bad = `\uFEFF${csv([HEADER, single('"Line one\r\nline two"'), single("Second", "X", "X")], "\r\n")}`;
    expect(lines(importQuestionSetCsv(bad, EN))).toEqual([
      "3/4 option_2_en: same text as option 1",
    ]);
  });

  it("refuses a formula injection cell, naming its row and column, and imports nothing", () => {
    const text = csv([
      HEADER,
      single(),
      single('"=HYPERLINK(""http://evil.example"",""click"")"'),
      single("@SUM(A1)"),
    ]);
    expect(lines(importQuestionSetCsv(text, EN))).toEqual([
      `3/3 prompt_en: looks like a spreadsheet formula (starts with "="); put ' before it to import it as text`,
      `4/4 prompt_en: looks like a spreadsheet formula (starts with "@"); put ' before it to import it as text`,
    ]);
    // Escaped by hand, the same text imports as text.
    const escaped = importQuestionSetCsv(csv([HEADER, single("'=1+1")]), EN);
    expect(escaped.ok && escaped.set.questions[0]!.prompt.en).toBe("=1+1");
  });

  it("refuses unknown, repeated and missing columns", () => {
    const text = csv([
      [...HEADER, "Points", "type"],
      [...single(), "10", "single"],
    ]);
    expect(lines(importQuestionSetCsv(text, EN))).toEqual([
      '1/1 Points: unknown column "Points" (see the documented columns)',
      '1/1 type: column "type" appears twice',
    ]);
    expect(lines(importQuestionSetCsv(csv([["prompt_en"], ["Q?"]]), EN))).toEqual([
      '1/1 type: missing column "type"',
      '1/1 topic: missing column "topic"',
      '1/1 difficulty: missing column "difficulty"',
    ]);
  });

  it("reports every bad row of the issue's list at once, and imports nothing", () => {
    const header = [...HEADER, "option_3_en", "tolerance"];
    const text = csv([
      header,
      [...single("No correct", "A", "B", ""), "", ""],
      ["ordering", "t", "1", "One item", "Only", "", "", "E", "", ""],
      ["numeric", "t", "1", "Far", "", "", "3", "E", "", "Infinity"],
      [...single("Twins", "Same", "same"), "", ""],
      [...single("Fine"), "", ""],
      ["essay", "t", "1", "Q", "", "", "", "E", "", ""],
      ["truefalse", "t", "5", "Q", "A", "", "yes", "E", "", ""],
    ]);
    expect(lines(importQuestionSetCsv(text, EN))).toEqual([
      "2/2 correct: no correct option given",
      "3/3 options: an ordering question needs 3 to 6 items",
      '4/4 tolerance: "Infinity" is not a finite number',
      "5/5 option_2_en: same text as option 1",
      "7/7 type: type must be one of single, multiple, truefalse, ordering, numeric, text",
      "8/8 option_1_en: a truefalse question has no option_1_en: leave it empty",
      "8/8 correct: must be true or false",
      "8/8 difficulty: must be 1, 2 or 3",
    ]);
  });

  it("refuses a 50 MB file without parsing it, and more rows than a set may hold", () => {
    const started = performance.now();
    const huge = "type,topic\n" + "x".repeat(50 * 1024 * 1024);
    expect(lines(importQuestionSetCsv(huge, EN))).toEqual([
      "-/- (file): the file is 50.0 MB; the limit is 5.0 MB",
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(IMPORT_MAX_BYTES).toBe(5 * 1024 * 1024);
    const many = csv([HEADER, ...Array.from({ length: 2001 }, (_, i) => single(`Q${i}`))]);
    expect(lines(importQuestionSetCsv(many, EN))).toEqual(["-/- (file): more than 2000 questions"]);
  });

  it("checks the language policy of the set it imports into", () => {
    const text = csv([HEADER, single()]);
    expect(
      lines(importQuestionSetCsv(text, { title: { en: "T", zh: "题" }, language: "both" })),
    ).toEqual([
      "2/2 prompt_zh: missing the Chinese text (the set's language is both)",
      "2/2 explanation_zh: missing the Chinese text (the set's language is both)",
      "2/2 option_1_zh: missing the Chinese text (the set's language is both)",
      "2/2 option_2_zh: missing the Chinese text (the set's language is both)",
    ]);
  });
  it("escaping is undone exactly on import, for every tricky start of a text", () => {
    const texts = [
      "=1+1",
      "+x",
      "-x",
      "@x",
      "\tcode",
      "'plain",
      "''two",
      "'=x",
      "-3",
      "+1.5",
      "x=1",
      "'",
    ];
    for (const text of texts) expect([text, unescapeCell(escapeCell(text))]).toEqual([text, text]);
    // Plain numbers are data in a spreadsheet, so they are neither escaped nor refused.
    expect([escapeCell("-3"), unescapeCell("-3")]).toEqual(["-3", "-3"]);
    expect(unescapeCell("-cmd|' /C calc'!A0")).toBeNull();
  });
});
