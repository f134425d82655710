import type { MessageKey, TranslateParams } from "../lib/i18n";

/**
 * The schemas (lib/question-sets) word their issues in English, for the API and the import report.
 * The editor shows them in the reader's language: each known wording maps to a message key, its
 * numbers carried over as parameters. An unknown wording is shown as it came, after a translated
 * lead-in, so nothing is hidden.
 */
const PATTERNS: [RegExp, MessageKey, string[]][] = [
  [/^must not be empty$/, "sets.issue.empty", []],
  [/^at most (\d+) characters$/, "sets.issue.maxChars", ["n"]],
  [/^control characters are not allowed$/, "sets.issue.control", []],
  [/^lower-case words joined by hyphens$/, "sets.issue.tag", []],
  [/^needs 2 to 6 options$/, "sets.issue.options", []],
  [/^an ordering question needs 3 to 6 items$/, "sets.issue.items", []],
  [/^at least one option must be correct$/, "sets.issue.noCorrect", []],
  [/^no correct option: there is no option (\d+)$/, "sets.issue.noSuchOption", ["n"]],
  [/^an option is marked correct twice$/, "sets.issue.correctTwice", []],
  [/^must be a finite number$/, "sets.issue.number", []],
  [/^must be 0 or more$/, "sets.issue.nonNegative", []],
  [/^one line per accepted answer$/, "sets.issue.oneLine", []],
  [/^needs at least one accepted answer$/, "sets.issue.noAccepted", []],
  [/^at most (\d+) accepted answers$/, "sets.issue.maxAccepted", ["n"]],
  [/^at most (\d+) tags$/, "sets.issue.maxTags", ["n"]],
  [/^duplicate tag$/, "sets.issue.duplicateTag", []],
  [/^missing the Chinese text/, "sets.issue.missingZh", []],
  [/^missing the English text/, "sets.issue.missingEn", []],
  [/^duplicate id: question (\d+) has the same id$/, "sets.issue.duplicateId", ["n"]],
  [/^has no letters or digits/, "sets.issue.noLetters", []],
  [/^same answer as accepted answer (\d+)$/, "sets.issue.sameAccepted", ["n"]],
  [/^same text as option (\d+)$/, "sets.issue.sameOption", ["n"]],
  [/^same text as item (\d+)$/, "sets.issue.sameItem", ["n"]],
  [/^must be 1, 2 or 3$/, "sets.issue.difficulty", []],
  // An import's file, header and cells (lib/question-sets/csv.ts, json-format.ts, issues.ts).
  [/^the file is ([\d.]+) MB; the limit is ([\d.]+) MB$/, "sets.issue.fileSize", ["size", "limit"]],
  [/^the file is empty$/, "sets.issue.fileEmpty", []],
  [/^the file has no questions$/, "sets.issue.noQuestions", []],
  [/^(?:more than|at most) (\d+) questions$/, "sets.issue.tooManyQuestions", ["n"]],
  [/^unknown column "(.*)" \(see the documented columns\)$/, "sets.issue.unknownColumn", ["name"]],
  [/^column "(.*)" appears twice$/, "sets.issue.repeatedColumn", ["name"]],
  [/^missing column "prompt_en" or "prompt_zh"$/, "sets.issue.missingPrompt", []],
  [/^missing column "(.*)"$/, "sets.issue.missingColumn", ["name"]],
  [/^the row has (\d+) cells; the header names (\d+)$/, "sets.issue.extraCells", ["n", "m"]],
  [/^looks like a spreadsheet formula \(starts with "(.+)"\)/, "sets.issue.formula", ["c"]],
  [/^"(.*)" is not a finite number$/, "sets.issue.notNumber", ["value"]],
  [/^(?:type must be one of|Invalid discriminator value)/, "sets.issue.type", []],
  [
    /^an? (\w+) question has no (\S+): leave it empty$/,
    "sets.issue.unusedColumn",
    ["type", "name"],
  ],
  [/^must be true or false$/, "sets.issue.trueFalse", []],
  [/^no correct option given$/, "sets.issue.noCorrect", []],
  [/^"(.*)" is not an option number \(1-(\d+)\)$/, "sets.issue.optionNumber", ["value", "n"]],
  [/^unreadable CSV: (.*)$/s, "sets.issue.unreadable", ["reason"]],
  [/^not valid JSON: (.*)$/s, "sets.issue.badJson", ["reason"]],
  [/^not a question set file/, "sets.issue.notSetFile", []],
  [
    /^version (.+) is not supported \(this server reads version (\d+)\)$/,
    "sets.issue.version",
    ["v", "n"],
  ],
];

export interface IssueLike {
  message: string;
  code?: string;
  bound?: number;
}

export function issueText(
  t: (key: MessageKey, params?: TranslateParams) => string,
  issue: IssueLike,
): string {
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(issue.message);
    if (!match) continue;
    const params: TranslateParams = {};
    names.forEach((name, i) => (params[name] = match[i + 1] ?? ""));
    return t(key, params);
  }
  // zod's own wording for bounds the schema gives no message of its own (the time limit).
  if (issue.code === "too_small" && issue.bound !== undefined)
    return t("sets.issue.min", { n: issue.bound });
  if (issue.code === "too_big" && issue.bound !== undefined)
    return t("sets.issue.max", { n: issue.bound });
  if (issue.code === "invalid_type") return t("sets.issue.number");
  return t("sets.issue.other", { message: issue.message });
}
