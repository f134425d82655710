"use client";

import { useEffect, useRef, useState } from "react";
import type { QuestionSetDetailView, SetApiResult } from "@/lib/contract/question-sets";
import type { ListedQuestion } from "@/lib/question-sets/setup-choices";

/** A set the setup form may offer: the host's own, public ones, the bank, or one added by link. */
export interface SetupSet {
  id: string;
  title: { zh?: string; en?: string };
  questionCount: number;
  builtIn: boolean;
  mine: boolean;
  visibility: "private" | "unlisted" | "public";
}

type Loaded =
  { status: "loaded"; set: SetupSet; questions: ListedQuestion[] } | { status: "failed" };

/**
 * The questions of each chosen set, fetched once per set from the set API (which answers 404 for
 * a set this host may not see). Only what the form lists and filters on is kept.
 */
export function useSetQuestions(setIds: readonly string[]) {
  const [bySet, setBySet] = useState<Record<string, Loaded>>({});
  const requested = useRef(new Set<string>());
  const key = setIds.join(",");

  useEffect(() => {
    for (const id of key ? key.split(",") : []) {
      if (requested.current.has(id)) continue;
      requested.current.add(id);
      void fetchSet(id).then((detail) =>
        setBySet((prev) => ({
          ...prev,
          [id]: detail
            ? { status: "loaded", set: toSetupSet(detail), questions: listed(detail) }
            : { status: "failed" },
        })),
      );
    }
  }, [key]);

  const states = setIds.map((id) => bySet[id]);
  return {
    questions: states.flatMap((s) => (s?.status === "loaded" ? s.questions : [])),
    /** Each loaded set's summary (an unlisted set added by link is not in the page's list). */
    loadedSets: states.flatMap((s) => (s?.status === "loaded" ? [s.set] : [])),
    loading: states.some((s) => !s),
    failed: setIds.filter((id) => bySet[id]?.status === "failed"),
  };
}

export async function fetchSet(id: string): Promise<QuestionSetDetailView | null> {
  try {
    const response = await fetch(`/api/sets/${encodeURIComponent(id)}`);
    const body = (await response.json()) as SetApiResult<QuestionSetDetailView>;
    return body.ok ? body.data : null;
  } catch {
    return null;
  }
}

function listed(detail: QuestionSetDetailView): ListedQuestion[] {
  return detail.questions.map(({ id, question }) => ({
    id,
    setId: detail.id,
    question: {
      type: question.type,
      topic: question.topic,
      difficulty: question.difficulty,
      prompt: question.prompt,
    },
  }));
}

function toSetupSet(found: QuestionSetDetailView): SetupSet {
  return {
    id: found.id,
    title: found.title,
    questionCount: found.questionCount,
    builtIn: found.builtIn,
    mine: found.canEdit,
    visibility: found.visibility,
  };
}
