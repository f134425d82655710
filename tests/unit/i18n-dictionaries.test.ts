import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "@/app/lib/messages/en";
import { zh } from "@/app/lib/messages/zh";
import { interpolate, translate } from "@/app/lib/translate";
import { TOPICS } from "@/lib/questions/topics";

/**
 * Both languages, every string: the dictionaries have the same keys and placeholders, Chinese
 * is really Chinese, and no component renders English text of its own (JSX text or a label-like
 * attribute written out instead of looked up with t()).
 */

/** The values a text fills: `{n}`, or `{n, plural, one {…} other {…}}` (English), each once. */
const placeholders = (text: string) => {
  const plain = text.replace(/\{(\w+), plural, one \{[^{}]*\} other \{[^{}]*\}\}/g, "{$1}");
  return [...new Set([...plain.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ""))].sort();
};
const HAN = /[\u4e00-\u9fff]/;
/** Values that are the same in both languages on purpose. */
const SAME_IN_BOTH = new Set(["lab.layer.dropout", "reason.other"]);

describe("the en and zh dictionaries", () => {
  it("have the same UI keys and the same error codes", () => {
    expect(Object.keys(zh.ui).sort()).toEqual(Object.keys(en.ui).sort());
    expect(Object.keys(zh.errors).sort()).toEqual(Object.keys(en.errors).sort());
  });

  it("fill the same placeholders in both languages", () => {
    for (const key of Object.keys(en.ui) as (keyof typeof en.ui)[])
      expect(placeholders(zh.ui[key]), key).toEqual(placeholders(en.ui[key]));
    for (const code of Object.keys(en.errors) as (keyof typeof en.errors)[])
      expect(placeholders(zh.errors[code]), code).toEqual(placeholders(en.errors[code]));
  });

  it("have a Chinese text for every key, not a copy of the English one", () => {
    const untranslated = [
      ...Object.entries(zh.ui).filter(([key, text]) => !SAME_IN_BOTH.has(key) && !HAN.test(text)),
      ...Object.entries(zh.errors).filter(([, text]) => !HAN.test(text)),
    ].map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it("word the lab's own failures in both languages (the worker sends keys, not English)", () => {
    expect(en.ui["reason.noModel"]).toContain("must return the trained model");
    expect(zh.ui["reason.noModel"]).toMatch(HAN);
  });
});

describe("plural texts", () => {
  it("pick the singular for exactly one and the plural otherwise, # standing for the number", () => {
    expect(translate(en, "events.counts", { candidates: 8, rooms: 1 })).toBe(
      "8 registered · 1 room",
    );
    expect(translate(en, "events.counts", { candidates: 8, rooms: 0 })).toBe(
      "8 registered · 0 rooms",
    );
    expect(translate(en, "admin.total", { n: 2 })).toBe("2 accounts");
    expect(translate(zh, "events.counts", { candidates: 8, rooms: 1 })).toBe(
      "已报名 8 人 · 1 个房间",
    );
    expect(interpolate("{n, plural, one {# room} other {# rooms}} of {max}", { n: 1 })).toBe(
      "1 room of {max}",
    );
  });

  it("are well formed in every English message: none is left unfilled", () => {
    for (const count of [1, 2]) {
      for (const key of Object.keys(en.ui) as (keyof typeof en.ui)[]) {
        const params: Record<string, number> = Object.fromEntries(
          placeholders(en.ui[key]).map((name) => [name, count]),
        );
        expect(translate(en, key, params), key).not.toMatch(/plural|[{}]/);
      }
    }
  });
});

describe("question topics", () => {
  it("the bundled bank's topics have a label in both languages", () => {
    for (const topic of TOPICS) {
      expect(en.ui[`topic.${topic}`], topic).toBeTruthy();
      expect(zh.ui[`topic.${topic}`], topic).toMatch(HAN);
    }
  });
});

/** Attributes a reader sees or hears: they must come from t(), like text. */
const LABEL_ATTRIBUTES = new Set(["aria-label", "aria-description", "title", "placeholder", "alt"]);
/**
 * Literal text that is not language: the product's name, a sample room code, a path, a unit,
 * dtype names and model notation (MLP 784-32-10).
 */
const ALLOWED_LITERALS = [
  /^Kilobyte Arena$/,
  /^ABC234$/,
  /^\/play$/,
  /^%\/KB$/,
  /^(uint8|uint16|float16) \(\d B\)$/,
  /^(MLP|CNN) [\w-]+$/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith(".tsx") ? [full] : [];
  });
}

/** English-looking literals a component renders: JSX text and label-like attribute strings. */
function hardCodedEnglish(file: string, source: string): string[] {
  const found: string[] = [];
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const report = (text: string, node: ts.Node) => {
    const trimmed = text.replace(/\s+/g, " ").trim();
    if (!/[A-Za-z]{2,}/.test(trimmed) || ALLOWED_LITERALS.some((re) => re.test(trimmed))) return;
    const { line } = tree.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.relative(process.cwd(), file)}:${line + 1}: ${trimmed}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node.text, node);
    if (
      ts.isJsxAttribute(node) &&
      LABEL_ATTRIBUTES.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    )
      report(node.initializer.text, node);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

describe("components", () => {
  it("render no English of their own: every visible string is looked up", () => {
    const root = path.resolve(import.meta.dirname, "..", "..", "app");
    const found = sourceFiles(root).flatMap((f) => hardCodedEnglish(f, readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });

  it("the scan catches a hard-coded label, a title and a line of text", () => {
    const sample = `export const A = () => (
      <div title="Close the lab">
        <button aria-label="Train the model">{t("lab.train")}</button>
        <p>The code must return the trained model</p>
        <p>{t("reason.noModel")}</p>
      </div>
    );`;
    expect(hardCodedEnglish("sample.tsx", sample).map((s) => s.split(": ")[1])).toEqual([
      "Close the lab",
      "Train the model",
      "The code must return the trained model",
    ]);
  });
});
