import { javascriptLanguage } from "@codemirror/lang-javascript";
import type { MessageKey } from "../lib/messages/en";

/**
 * Code mode's syntax check, before anything is sent to the worker. Two parsers, each for what it
 * does well: the browser's own JavaScript engine decides whether the code parses and words the
 * message (it is the parser that will run the code, so it never refuses code that would run, and
 * its message is the one a developer knows), and CodeMirror's Lezer parser, which highlights the
 * editor, says where: engines report no position for code compiled with `new Function`.
 */

export interface SyntaxProblem {
  /** The engine's own message, e.g. "Unexpected token '}'" (V8) or "missing ) after …" (Firefox). */
  message: string;
  /** 1-based line and column in the player's code, when the position is known. */
  line: number | null;
  column: number | null;
}

// The same wrapping as the worker's compile (app/workers/code-runner.ts): the player's code is the
// body of an async function, so top-level `await` and `return` parse.
const PARAMS = ["tf", "data", "log", "callbacks"] as const;
const PRELUDE = '"use strict";\nreturn (async () => {\n';

/** The engine's verdict: null when the code parses. Compiling never runs it. */
function engineMessage(code: string): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- parse only: the function is never called
    new Function(...PARAMS, `${PRELUDE}${code}\n})();`);
    return null;
  } catch (error) {
    if (error instanceof SyntaxError) return error.message;
    // eval refused (a Content-Security-Policy without 'unsafe-eval'): let Lezer alone decide.
    return error instanceof EvalError ? "" : null;
  }
}

/** Where Lezer sees the first error, as 1-based line and column of the player's code. */
export function syntaxErrorPosition(code: string): { line: number; column: number } | null {
  const wrapped = `async function lab() {\n${code}\n}`;
  let at: number | null = null;
  javascriptLanguage.parser.parse(wrapped).iterate({
    enter: (node) => {
      if (at !== null) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  if (at === null) return null;
  const before = wrapped.slice(0, at).split("\n");
  const lines = code.split("\n");
  // Line 1 of `before` is the wrapper's; an error found in its closing line belongs to the last.
  const line = Math.min(Math.max(1, before.length - 1), lines.length);
  const column =
    before.length - 1 > lines.length
      ? (lines[lines.length - 1]?.length ?? 0) + 1
      : (before[before.length - 1]?.length ?? 0) + 1;
  return { line, column };
}

/** The first syntax error in the player's code, or null when it parses. */
export function findSyntaxProblem(code: string): SyntaxProblem | null {
  const message = engineMessage(code);
  if (message === null) return null;
  const position = syntaxErrorPosition(code);
  if (message === "" && !position) return null;
  return { message, line: position?.line ?? null, column: position?.column ?? null };
}

/** The player-facing text: our frame (en or zh) around the engine's message, with the position. */
export function syntaxErrorText(
  problem: SyntaxProblem,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  return problem.line !== null && problem.column !== null
    ? t("lab.syntaxErrorAt", {
        line: problem.line,
        column: problem.column,
        message: problem.message,
      })
    : t("lab.syntaxErrorHere", { message: problem.message });
}
