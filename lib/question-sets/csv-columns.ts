import type { QuestionType } from "../questions/schema";

/**
 * The CSV format: one row per question, a header row naming the columns (any order; columns that
 * a file does not need may be left out, unknown ones are refused).
 *
 * | column                            | meaning                                                                 |
 * | --------------------------------- | ----------------------------------------------------------------------- |
 * | `id`                              | the question's id in the set (a-z, 0-9, -); empty: `q-<row>`            |
 * | `type`                            | single, multiple, truefalse, ordering, numeric or text                  |
 * | `topic`                           | a tag: lower-case words joined by hyphens                                |
 * | `difficulty`                      | 1, 2 or 3                                                               |
 * | `time_limit_sec`                  | 5-240; empty: the room's default                                        |
 * | `prompt_en`, `prompt_zh`          | the question                                                            |
 * | `code`                            | an optional code listing shown under the prompt                         |
 * | `option_1_en` … `option_6_zh`     | choices (single, multiple); items in the right order (ordering)         |
 * | `correct`                         | single: the right option's number; multiple: numbers joined by `;`;     |
 * |                                   | truefalse: true or false; numeric: the number; else empty               |
 * | `tolerance`                       | numeric: how far off still counts as right (default 0)                  |
 * | `unit_en`, `unit_zh`              | numeric: an optional unit                                               |
 * | `accepted`                        | text: the accepted answers, one per line                                |
 * | `explanation_en`, `explanation_zh`| shown after the answer                                                  |
 *
 * Texts of a language the set does not use may be left empty. A cell that a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return) is refused unless it starts
 * with an apostrophe, which is dropped; exports write that apostrophe themselves.
 */

export const OPTION_SLOTS = 6;
const LANGS = ["en", "zh"] as const;

export const CSV_COLUMNS: readonly string[] = [
  "id",
  "type",
  "topic",
  "difficulty",
  "time_limit_sec",
  "prompt_en",
  "prompt_zh",
  "code",
  ...Array.from({ length: OPTION_SLOTS }, (_, i) =>
    LANGS.map((l) => `option_${i + 1}_${l}`),
  ).flat(),
  "correct",
  "tolerance",
  "unit_en",
  "unit_zh",
  "accepted",
  "explanation_en",
  "explanation_zh",
];

/** A file without these cannot describe a single question. */
export const REQUIRED_COLUMNS = ["type", "topic", "difficulty"] as const;

const OPTION_COLUMNS = CSV_COLUMNS.filter((c) => c.startsWith("option_"));

/** Columns each type reads beyond the common ones; anything else filled in is an error. */
export const TYPE_COLUMNS: Record<QuestionType, readonly string[]> = {
  single: [...OPTION_COLUMNS, "correct"],
  multiple: [...OPTION_COLUMNS, "correct"],
  truefalse: ["correct"],
  ordering: OPTION_COLUMNS,
  numeric: ["correct", "tolerance", "unit_en", "unit_zh"],
  text: ["accepted"],
};

export const COMMON_COLUMNS = [
  "id",
  "type",
  "topic",
  "difficulty",
  "time_limit_sec",
  "prompt_en",
  "prompt_zh",
  "code",
  "explanation_en",
  "explanation_zh",
] as const;

/** The column a question field path comes from, so a schema issue names the cell to fix. */
export function columnOf(path: readonly PropertyKey[]): string {
  const [head, second, third] = path;
  if ((head === "options" || head === "items") && typeof second === "number") {
    return third === undefined
      ? `option_${second + 1}_en`
      : `option_${second + 1}_${String(third)}`;
  }
  // The whole list (too few, too many): the option_N_* columns together.
  if (head === "options" || head === "items") return "options";
  if (head === "prompt" || head === "explanation" || head === "unit") {
    return second === undefined ? `${head}_en` : `${head}_${String(second)}`;
  }
  if (head === "timeLimitSec") return "time_limit_sec";
  if (head === "accepted" || head === "correct") return head;
  return head === undefined ? "(row)" : String(head);
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * True when a spreadsheet would treat the cell as a formula (OWASP's CSV injection list). A plain
 * number such as "-3" or "+1.5" is data, not a formula, in every spreadsheet.
 */
export function looksLikeFormula(cell: string): boolean {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell.trim());
}

/** Export: an apostrophe before formula-looking text (and before a leading apostrophe, to undo). */
export function escapeCell(text: string): string {
  return looksLikeFormula(text) || /^'[=+\-@\t\r']/.test(text) ? `'${text}` : text;
}

/** Import: drops the apostrophe escapeCell added; null when the cell is an unescaped formula. */
export function unescapeCell(cell: string): string | null {
  if (/^'[=+\-@\t\r']/.test(cell)) return cell.slice(1);
  return looksLikeFormula(cell.trimStart()) ? null : cell;
}

export function parseNumber(cell: string): number | null {
  const trimmed = cell.trim();
  return PLAIN_NUMBER.test(trimmed) ? Number(trimmed) : null;
}
