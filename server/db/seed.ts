import { QuestionSetSchema, type QuestionSet } from "@/lib/questions/schema";
import type { QuestionSetRepository } from "../repositories/types";

export interface SeedCounts {
  sets: number;
  /** Questions inserted (new to the database). */
  created: number;
  /** Questions whose stored row changed (edited, moved, or retired from the bank). */
  updated: number;
}

/**
 * Brings the built-in sets in the database in line with the bundled bank, at every start. It is
 * idempotent, so an unchanged bank writes nothing; an edited question is updated in place (its
 * id, and so old answers, stay valid).
 */
export async function seedBuiltInQuestionSets(
  repo: QuestionSetRepository,
  sets: readonly QuestionSet[],
): Promise<SeedCounts> {
  const counts: SeedCounts = { sets: 0, created: 0, updated: 0 };
  const slugs = new Set<string>();
  for (const input of sets) {
    // The bank is code, but a bad edit should stop the start with a clear message, not store a
    // question the game cannot play.
    const set = QuestionSetSchema.parse(input);
    if (slugs.has(set.slug)) throw new Error(`Question bank: duplicate set slug "${set.slug}"`);
    slugs.add(set.slug);
    const ids = new Set<string>();
    for (const question of set.questions) {
      if (ids.has(question.id)) {
        throw new Error(
          `Question bank: duplicate question id "${question.id}" in set "${set.slug}"`,
        );
      }
      ids.add(question.id);
    }
    const { created, updated } = await repo.upsertBuiltIn(set);
    counts.sets += 1;
    counts.created += created;
    counts.updated += updated;
  }
  return counts;
}
