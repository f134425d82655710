import { randomBytes } from "node:crypto";
import { err, ok, type Result } from "@/lib/contract/errors";
import type { CreateRoomSchema } from "@/lib/contract/schemas";
import { codingRound, type CodingRound } from "@/lib/coding/round";
import { selectQuestions, type SelectionError } from "@/lib/question-sets/selection";
import { toGameQuestion } from "@/lib/question-sets/to-game";
import { DEFAULT_SET_SLUG } from "@/lib/questions/bank";
import type { Question } from "@/lib/questions/schema";
import type { z } from "zod";
import type { Repositories } from "../../repositories/types";

type CreateRoomInput = z.infer<typeof CreateRoomSchema>;

/** Everything room:create needs to know about a room's questions before it writes anything. */
export interface ResolvedRoomQuestions {
  /** The set that titles the results page, and every set the room draws on. */
  questionSetId: string;
  questionSetIds: string[];
  questions: { id: string; question: Question }[];
  codingRounds: { afterQuestion: number; round: CodingRound }[];
  /** Stored as Room.selection: the host's choices, the seed, and each question's option order. */
  selection?: unknown;
}

/**
 * The questions of a new room: the first N of a built-in set (the old way, still the default), or
 * a selection across the sets this host may see. Nothing is written here, so a refusal changes
 * nothing. A set the host cannot see is QUESTION_SET_NOT_FOUND, as if it did not exist.
 */
export async function resolveRoomQuestions(
  input: CreateRoomInput,
  hostUserId: string,
  repos: Pick<Repositories, "questionSets">,
): Promise<Result<ResolvedRoomQuestions>> {
  const codingRounds = input.codingRounds.map(({ afterQuestion, ...settings }, i) => ({
    afterQuestion,
    round: codingRound(`coding-${i + 1}`, settings),
  }));
  if (!input.selection) {
    const set = await repos.questionSets.getBySlug(input.questionSetSlug ?? DEFAULT_SET_SLUG);
    if (!set || set.questions.length === 0) return err("QUESTION_SET_NOT_FOUND");
    const questions = set.questions.slice(0, input.settings.questionCount ?? set.questions.length);
    if (questions.length + codingRounds.length === 0) return err("INVALID_PAYLOAD");
    return ok({ questionSetId: set.id, questionSetIds: [set.id], questions, codingRounds });
  }

  const selection = { ...input.selection, codingRounds: input.codingRounds };
  const pool = await repos.questionSets.pool(selection.setIds, hostUserId);
  if (!pool.ok) return err("QUESTION_SET_NOT_FOUND");
  // The seed is the server's (a CSPRNG), never the client's: a host cannot steer "at random".
  const seed = randomBytes(4).readUInt32BE(0);
  const planned = selectQuestions(pool.pool, selection, seed);
  if (!planned.ok) return err(selectionErrorCode(planned.error));
  const { plan } = planned;
  return ok({
    questionSetId: selection.setIds[0]!,
    questionSetIds: selection.setIds,
    // Shuffled options arrive as the question with its options (and key) reordered; the order is
    // kept below so a stored answer's choice index maps back to the stored row's option.
    questions: plan.questions.map((q) => ({ id: q.id, question: toGameQuestion(q.question) })),
    codingRounds: plan.codingRounds.map(({ afterQuestion }, i) => ({
      afterQuestion,
      round: codingRounds[i]!.round,
    })),
    selection: {
      ...input.selection,
      seed,
      questions: plan.questions.map(({ id, setId, optionOrder }) => ({ id, setId, optionOrder })),
    },
  });
}

function selectionErrorCode(error: SelectionError) {
  switch (error.code) {
    case "NO_QUESTIONS":
      return "NO_QUESTIONS" as const;
    case "UNKNOWN_QUESTION":
      return "QUESTION_NOT_IN_SELECTION" as const;
    case "NOT_ENOUGH_QUESTIONS":
      return "NOT_ENOUGH_QUESTIONS" as const;
  }
}
