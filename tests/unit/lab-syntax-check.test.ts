import { describe, expect, test } from "vitest";
import { findSyntaxProblem, syntaxErrorText } from "@/app/lab/syntax-check";
import { en, type MessageKey } from "@/app/lib/messages/en";
import { zh } from "@/app/lib/messages/zh";

/** The dictionaries' own templates, filled the way useI18n fills them. */
const translator =
  (dictionary: typeof en) => (key: MessageKey, params?: Record<string, string | number>) =>
    dictionary.ui[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );

describe("code mode's syntax errors", () => {
  test("a missing bracket gives the engine's message with its line and column", () => {
    const code = "const a = 1;\nmodel.fit(data.xs, data.ys;\nreturn model;";
    const problem = findSyntaxProblem(code);
    expect(problem).toEqual({ message: "missing ) after argument list", line: 2, column: 27 });
    expect(syntaxErrorText(problem!, translator(en))).toBe(
      "Syntax error at line 2, column 27: missing ) after argument list",
    );
    expect(syntaxErrorText(problem!, translator(zh))).toBe(
      "语法错误（第 2 行第 27 列）：missing ) after argument list",
    );
  });

  test("an unexpected token is placed where it stands", () => {
    const problem = findSyntaxProblem("const m = tf.sequential({\n  layers: [\n}\nreturn m;");
    expect(problem).toEqual({ message: "Unexpected token '}'", line: 3, column: 1 });
  });

  test("code that runs is never refused: top-level await and return are the lab's own form", () => {
    expect(findSyntaxProblem("await Promise.resolve(1);\nreturn 2;")).toBeNull();
  });

  test("an error only the engine sees still shows its message, without a made-up position", () => {
    const problem = findSyntaxProblem("let a = 1;\nlet a = 2;");
    expect(problem).toEqual({
      message: "Identifier 'a' has already been declared",
      line: null,
      column: null,
    });
    expect(syntaxErrorText(problem!, translator(en))).toBe(
      "Syntax error: Identifier 'a' has already been declared",
    );
    expect(syntaxErrorText(problem!, translator(zh))).toBe(
      "语法错误：Identifier 'a' has already been declared",
    );
  });

  test("checking never runs the code", () => {
    const probe = globalThis as { labRan?: boolean };
    expect(findSyntaxProblem("globalThis.labRan = true;\nreturn 1;")).toBeNull();
    expect(probe.labRan).toBeUndefined();
  });
});
