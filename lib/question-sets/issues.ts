import type { z } from "zod";
import type { QuestionSetDraft } from "./schema";

/**
 * What an import reports: every bad row and field at once, so a host fixes a file in one pass.
 * Nothing is imported while any issue is left.
 */
export interface ImportIssue {
  /**
   * CSV: the row as a spreadsheet numbers it (the header is row 1). JSON: the question's number
   * (1 = the first question). Absent for an issue with the whole file or the set's own fields.
   */
  row?: number;
  /** CSV only: the line of the file the row starts on (differs from `row` after a quoted newline). */
  line?: number;
  /** The column (CSV) or the field path (JSON), e.g. "correct", "option_2_zh", "options[1].zh". */
  field: string;
  message: string;
}

export type ImportResult =
  { ok: true; set: QuestionSetDraft } | { ok: false; issues: ImportIssue[] };

/** Refuse an upload by its size before reading it: a 50 MB file is never parsed. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export function tooLarge(byteLength: number): ImportIssue | null {
  return byteLength > IMPORT_MAX_BYTES
    ? {
        field: "(file)",
        message: `the file is ${megabytes(byteLength)}; the limit is ${megabytes(IMPORT_MAX_BYTES)}`,
      }
    : null;
}

/** UTF-8 size of a text, cheaply refusing texts that are too long by characters alone. */
export function textTooLarge(text: string): ImportIssue | null {
  // Every character is at least one byte, so a text longer than the cap in characters is too big.
  if (text.length > IMPORT_MAX_BYTES) return tooLarge(text.length);
  return tooLarge(new TextEncoder().encode(text).byteLength);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "options[1].zh" from ["options", 1, "zh"]. */
export function fieldPath(path: readonly PropertyKey[], whole = "(set)"): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? whole : out;
}

/**
 * zod issues of a set, with question paths turned into a row: `questionsAt` is where the questions
 * array sits in the parsed value (["questions"] for a draft).
 */
export function issuesFromZod(
  issues: readonly z.core.$ZodIssue[],
  questionsAt: readonly string[],
): ImportIssue[] {
  return issues.map((issue) => {
    const path = issue.path;
    const isQuestion =
      questionsAt.every((key, i) => path[i] === key) &&
      typeof path[questionsAt.length] === "number";
    if (!isQuestion) return { field: fieldPath(path), message: issue.message };
    const index = path[questionsAt.length] as number;
    return {
      row: index + 1,
      field: fieldPath(path.slice(questionsAt.length + 1), "(question)"),
      message: issue.message,
    };
  });
}
