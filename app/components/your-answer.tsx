"use client";

import type { PublicQuestion } from "@/lib/contract/views";
import type { Answer } from "@/lib/questions/schema";
import { useI18n } from "../lib/i18n";
import { AnswerBody } from "./reveal-answer";

/**
 * The player's own answer, shown on the phone beside the correct one, so "Not this time" can be
 * checked against what was actually sent. Nothing when the player did not answer (the verdict
 * already says so).
 */
export function YourAnswer({ question, answer }: { question: PublicQuestion; answer: Answer }) {
  const { t } = useI18n();
  return (
    <div className="reveal-answer your-answer" data-testid="your-answer">
      <h2 className="reveal-heading">{t("yourAnswer")}</h2>
      <AnswerBody question={question} answer={answer} />
    </div>
  );
}
