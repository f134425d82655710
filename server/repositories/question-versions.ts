import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "@/generated/prisma/client";

/** Questions that left a set keep their row (rooms and answers reference it) at this position. */
export const RETIRED_POSITION = -1;

/** What the versioning needs of a question: its id in the set and the columns mirrored from it. */
export interface VersionedQuestion {
  id: string;
  type: string;
  topic: string;
  difficulty: number;
}

/**
 * Brings a set's current questions (position >= 0) in line with `questions`, copy-on-write:
 *
 * - a row that any room lists in its questionIds is frozen. Changing it retires it (position -1)
 *   and inserts the new version, so past rooms' answers and results keep the exact question their
 *   players saw (an answer's choice index means what it meant then);
 * - a row no room has listed is updated in place (no history nobody can see);
 * - a question that left the set is retired, never deleted: only deleting the set removes rows;
 * - a question that comes back unchanged revives its retired row rather than adding a copy.
 *
 * Position changes are not content: a frozen row may move. Returns created/updated counts.
 */
export async function writeQuestionVersions(
  tx: Prisma.TransactionClient,
  setId: string,
  questions: readonly VersionedQuestion[],
): Promise<{ created: number; updated: number }> {
  const rows = await tx.question.findMany({
    where: { setId },
    select: { id: true, slug: true, position: true, body: true },
    orderBy: { createdAt: "desc" },
  });
  const live = new Map<string, (typeof rows)[number]>();
  const retired = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) {
    if (row.position >= 0 && !live.has(row.slug)) live.set(row.slug, row);
    else retired.set(row.slug, [...(retired.get(row.slug) ?? []), row]);
  }
  const bodies = questions.map((question) => toJson(question));
  const changed = questions.flatMap((question, i) => {
    const row = live.get(question.id);
    return row && !sameJson(row.body, bodies[i]) ? [row.id] : [];
  });
  const kept = new Set(questions.map((question) => question.id));
  const leaving = [...live.values()].filter((row) => !kept.has(row.slug));
  const frozen = await roomListed(tx, [...changed, ...leaving.map((row) => row.id)]);

  let created = 0;
  let updated = 0;
  const toCreate: Prisma.QuestionCreateManyInput[] = [];
  const retire: string[] = leaving.map((row) => row.id);
  for (const [position, question] of questions.entries()) {
    const body = bodies[position] as Prisma.InputJsonValue;
    const columns = { type: question.type, topic: question.topic, difficulty: question.difficulty };
    const row = live.get(question.id);
    if (row && sameJson(row.body, body)) {
      if (row.position !== position) {
        await tx.question.update({ where: { id: row.id }, data: { position } });
        updated += 1;
      }
      continue;
    }
    if (row && !frozen.has(row.id)) {
      await tx.question.update({ where: { id: row.id }, data: { position, ...columns, body } });
      updated += 1;
      continue;
    }
    if (row) retire.push(row.id);
    const revivable = retired.get(question.id)?.find((old) => sameJson(old.body, body));
    if (revivable) {
      await tx.question.update({ where: { id: revivable.id }, data: { position } });
      updated += 1;
    } else {
      toCreate.push({ setId, slug: question.id, position, ...columns, body });
      if (row) updated += 1;
      else created += 1;
    }
  }
  if (retire.length > 0) {
    await tx.question.updateMany({
      where: { id: { in: retire } },
      data: { position: RETIRED_POSITION },
    });
    updated += leaving.length;
  }
  if (toCreate.length > 0) await tx.question.createMany({ data: toCreate });
  return { created, updated };
}

/** The ids among `ids` that some room lists (a GIN index on Room.questionIds answers this). */
async function roomListed(tx: Prisma.TransactionClient, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rooms = await tx.room.findMany({
    where: { questionIds: { hasSome: ids } },
    select: { questionIds: true },
  });
  const wanted = new Set(ids);
  return new Set(rooms.flatMap((room) => room.questionIds.filter((id) => wanted.has(id))));
}

/** JSON as stored: undefined properties dropped (jsonb also forgets key order). */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}
