import { z } from "zod";
import { QUESTION_SET_SCHEMA_PATH, QuestionSetFileSchema } from "./json-format";

/**
 * The JSON Schema of the exchange format, generated from the zod schema the server validates with
 * (so the two cannot drift: a test compares it with the committed public/schemas file). Rules that
 * span fields (answer keys in range, distinct options, the language policy) are not expressible
 * here and are checked on import.
 */
export function questionSetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(QuestionSetFileSchema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
  });
  return { ...schema, $id: QUESTION_SET_SCHEMA_PATH };
}

/** The file as committed: two-space JSON and a final newline (what prettier keeps). */
export function questionSetJsonSchemaText(): string {
  return `${JSON.stringify(questionSetJsonSchema(), null, 2)}\n`;
}
