import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { questionSetJsonSchemaText } from "@/lib/question-sets/json-schema";

/**
 * `npm run schema:question-set`: writes public/schemas/question-set.v1.json from the zod schema
 * (the app serves it at /schemas/question-set.v1.json). tests/unit/question-set-json-schema.test.ts
 * fails when the committed file differs from what this would write.
 */
const target = fileURLToPath(new URL("../public/schemas/question-set.v1.json", import.meta.url));
await writeFile(target, questionSetJsonSchemaText());
console.info(`wrote ${target}`);
