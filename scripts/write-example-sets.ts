import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { draftFromBank, exportQuestionSetJson } from "@/lib/question-sets/json-format";
import { aiStartupQuestionSet } from "@/lib/questions/bank/ai-startup";

/**
 * `npm run examples:sets`: writes the article bank's own export to examples/question-sets/ (a
 * ready-made file to import, and a worked example of the format). A unit test fails when the file
 * differs from what this writes, so it follows every change to the bank.
 */
const target = fileURLToPath(new URL("../examples/question-sets/ai-startup.json", import.meta.url));
await writeFile(target, exportQuestionSetJson(draftFromBank(aiStartupQuestionSet)));
console.info(`wrote ${target}`);
