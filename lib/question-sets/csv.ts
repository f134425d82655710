import Papa from "papaparse";
import { QUESTION_TYPES, type QuestionType } from "../questions/schema";
import {
  COMMON_COLUMNS,
  CSV_COLUMNS,
  OPTION_SLOTS,
  REQUIRED_COLUMNS,
  TYPE_COLUMNS,
  columnOf,
  escapeCell,
  parseNumber,
  unescapeCell,
} from "./csv-columns";
import { fieldPath, textTooLarge, type ImportIssue, type ImportResult } from "./issues";
import { SET_LIMITS, type SetMeta, type SetQuestion } from "./schema";
import { validateSet } from "./validate";

/**
 * CSV import and export of a set's questions (the set's title and language come from the import
 * form, not the file). Parsing is papaparse's: quoted fields, quoted newlines, CRLF or LF. The
 * columns are documented in csv-columns.ts.
 */

/** Export: a UTF-8 BOM (so Excel reads Chinese text right), CRLF, formula-looking cells escaped. */
export function exportQuestionSetCsv(questions: readonly SetQuestion[]): string {
  const rows = questions.map((q) => CSV_COLUMNS.map((column) => escapeCell(cellOf(q, column))));
  return `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: "\r\n", escapeFormulae: false })}\r\n`;
}

function cellOf(q: SetQuestion, column: string): string {
  const option = /^option_(\d)_(en|zh)$/.exec(column);
  if (option) {
    const list =
      q.type === "single" || q.type === "multiple"
        ? q.options
        : q.type === "ordering"
          ? q.items
          : [];
    return list[Number(option[1]) - 1]?.[option[2] as "en" | "zh"] ?? "";
  }
  switch (column) {
    case "id":
    case "type":
    case "topic":
    case "code":
      return q[column] ?? "";
    case "difficulty":
      return String(q.difficulty);
    case "time_limit_sec":
      return q.timeLimitSec === undefined ? "" : String(q.timeLimitSec);
    case "prompt_en":
    case "prompt_zh":
      return q.prompt[column === "prompt_en" ? "en" : "zh"] ?? "";
    case "explanation_en":
    case "explanation_zh":
      return q.explanation[column === "explanation_en" ? "en" : "zh"] ?? "";
    case "correct":
      if (q.type === "single") return String(q.correct + 1);
      if (q.type === "multiple") return q.correct.map((i) => i + 1).join(";");
      if (q.type === "truefalse" || q.type === "numeric") return String(q.correct);
      return "";
    case "tolerance":
      return q.type === "numeric" ? String(q.tolerance) : "";
    case "unit_en":
    case "unit_zh":
      return q.type === "numeric" ? (q.unit?.[column === "unit_en" ? "en" : "zh"] ?? "") : "";
    case "accepted":
      return q.type === "text" ? q.accepted.join("\n") : "";
  }
  return "";
}

interface RawRow {
  row: number;
  line: number;
  cells: string[];
}

/** Imports a CSV file as a new set: every bad row and cell reported, or the whole set. */
export function importQuestionSetCsv(text: string, meta: Partial<SetMeta>): ImportResult {
  const size = textTooLarge(text);
  if (size) return { ok: false, issues: [size] };
  const source = text.replace(/^\uFEFF/, "");
  const issues: ImportIssue[] = [];
  const rows = readRows(source, issues);
  if (issues.length > 0) return { ok: false, issues };
  const [header, ...body] = rows;
  if (!header) return { ok: false, issues: [{ field: "(file)", message: "the file is empty" }] };
  const columns = readHeader(header, issues);
  const data = body.filter((r) => r.cells.some((cell) => cell.trim() !== ""));
  if (data.length === 0) issues.push({ field: "(file)", message: "the file has no questions" });
  if (issues.length > 0) return { ok: false, issues };

  const inputs = data.map((r) => rowToQuestion(r, columns, issues));
  const set = validateSet(meta, inputs, {
    meta: (path, message) => issues.push({ field: fieldPath(["set", ...path]), message }),
    question: (index, path, message) => {
      const r = data[index] as RawRow;
      const field = columnOf(path);
      // A cell already reported as unreadable (not a number, a formula) is not reported twice.
      if (issues.some((issue) => issue.row === r.row && issue.field === field)) return;
      issues.push({ row: r.row, line: r.line, field, message });
    },
  });
  if (issues.length > 0 || !set) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, set };
}

/** Records with the spreadsheet row and the file line each starts on; stops past the row cap. */
function readRows(source: string, issues: ImportIssue[]): RawRow[] {
  const rows: RawRow[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(source, {
    header: false,
    // The documented format: comma-separated (no guessing from a file of one column).
    delimiter: ",",
    skipEmptyLines: false,
    step: (result, parser) => {
      // The record's first character: where the previous one ended, past its line break.
      let at = start;
      if (source[at] === "\r") at += 1;
      if (source[at] === "\n") at += 1;
      line += countLineBreaks(source, start, at);
      const row = rows.length + 1;
      for (const error of result.errors) {
        issues.push({ row, line, field: "(row)", message: `unreadable CSV: ${error.message}` });
      }
      rows.push({ row, line, cells: result.data });
      line += countLineBreaks(source, at, result.meta.cursor);
      start = result.meta.cursor;
      if (rows.length > SET_LIMITS.questions + 1) {
        issues.push({ field: "(file)", message: `more than ${SET_LIMITS.questions} questions` });
        parser.abort();
      }
    },
  });
  return rows;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // CRLF is one break; a lone CR (old Mac files) is one too.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n += 1;
  }
  return n;
}

function readHeader(header: RawRow, issues: ImportIssue[]): Map<string, number> {
  const columns = new Map<string, number>();
  const known = new Set(CSV_COLUMNS);
  header.cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const at = { row: 1, line: header.line };
    if (!known.has(name)) {
      issues.push({
        ...at,
        field: raw,
        message: `unknown column "${raw}" (see the documented columns)`,
      });
    } else if (columns.has(name)) {
      issues.push({ ...at, field: name, message: `column "${name}" appears twice` });
    } else columns.set(name, i);
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.has(name))
      issues.push({ row: 1, line: header.line, field: name, message: `missing column "${name}"` });
  }
  if (!columns.has("prompt_en") && !columns.has("prompt_zh")) {
    issues.push({
      row: 1,
      line: header.line,
      field: "prompt_en",
      message: 'missing column "prompt_en" or "prompt_zh"',
    });
  }
  return columns;
}

/** One row as the question schema's input; cell-level problems are reported here. */
function rowToQuestion(r: RawRow, columns: Map<string, number>, issues: ImportIssue[]): unknown {
  const report = (field: string, message: string) =>
    issues.push({ row: r.row, line: r.line, field, message });
  if (r.cells.length > columns.size) {
    report("(row)", `the row has ${r.cells.length} cells; the header names ${columns.size}`);
  }
  const cell = (name: string): string | undefined => {
    const index = columns.get(name);
    const raw = index === undefined ? undefined : r.cells[index];
    if (raw === undefined || raw.trim() === "") return undefined;
    const value = unescapeCell(raw);
    if (value === null) {
      report(
        name,
        `looks like a spreadsheet formula (starts with "${raw.trimStart()[0]}"); put ' before it to import it as text`,
      );
      return undefined;
    }
    return value;
  };
  const text = (name: string) => {
    const en = cell(`${name}_en`);
    const zh = cell(`${name}_zh`);
    return { ...(zh === undefined ? {} : { zh }), ...(en === undefined ? {} : { en }) };
  };
  const number = (name: string): number | string | undefined => {
    const value = cell(name);
    if (value === undefined) return undefined;
    const parsed = parseNumber(value);
    if (parsed === null || !Number.isFinite(parsed))
      report(name, `"${value}" is not a finite number`);
    return parsed ?? value;
  };

  const type = cell("type")?.trim().toLowerCase();
  if (!QUESTION_TYPES.includes(type as QuestionType)) {
    report("type", `type must be one of ${QUESTION_TYPES.join(", ")}`);
    return {};
  }
  const qType = type as QuestionType;
  const used = new Set<string>([...COMMON_COLUMNS, ...TYPE_COLUMNS[qType]]);
  for (const [name, index] of columns) {
    if (!used.has(name) && (r.cells[index] ?? "").trim() !== "") {
      report(name, `a ${qType} question has no ${name}: leave it empty`);
    }
  }
  const slots = Array.from({ length: OPTION_SLOTS }, (_, i) => text(`option_${i + 1}`)).filter(
    (option) => option.en !== undefined || option.zh !== undefined,
  );
  const correct = cell("correct")?.trim();
  const timeLimitSec = number("time_limit_sec");
  const code = cell("code");
  const question: Record<string, unknown> = {
    id: cell("id")?.trim() ?? `q-${r.row}`,
    type: qType,
    topic: cell("topic")?.trim(),
    difficulty: number("difficulty"),
    prompt: text("prompt"),
    explanation: text("explanation"),
    ...(timeLimitSec === undefined ? {} : { timeLimitSec }),
    // A code listing keeps its own whitespace (indentation is part of it).
    ...(code === undefined ? {} : { code }),
  };
  switch (qType) {
    case "single":
      return { ...question, options: slots, correct: optionNumber(correct, report) };
    case "multiple":
      return {
        ...question,
        options: slots,
        correct: (correct ?? "")
          .split(/[;,]/)
          .filter((s) => s.trim() !== "")
          .map((s) => optionNumber(s, report)),
      };
    case "truefalse": {
      const value = correct?.toLowerCase();
      if (value !== "true" && value !== "false") report("correct", "must be true or false");
      return { ...question, correct: value === "true" };
    }
    case "ordering":
      return { ...question, items: slots };
    case "numeric": {
      const unit = text("unit");
      const tolerance = number("tolerance");
      return {
        ...question,
        correct: correct === undefined ? undefined : number("correct"),
        ...(tolerance === undefined ? {} : { tolerance }),
        ...(unit.en === undefined && unit.zh === undefined ? {} : { unit }),
      };
    }
    case "text":
      return {
        ...question,
        accepted: (cell("accepted") ?? "").split(/\r?\n/).filter((s) => s.trim() !== ""),
      };
  }
}

/** "2" -> index 1. An empty or unknown number is reported; the question's rules report range. */
function optionNumber(
  value: string | undefined,
  report: (field: string, message: string) => void,
): number {
  const n = value === undefined ? null : parseNumber(value);
  if (n === null || !Number.isInteger(n) || n < 1) {
    report(
      "correct",
      value === undefined
        ? "no correct option given"
        : `"${value}" is not an option number (1-${OPTION_SLOTS})`,
    );
    return 0;
  }
  return n - 1;
}

function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
