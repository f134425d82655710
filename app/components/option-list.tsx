"use client";

import type { DistributionBucket, PublicQuestion, RevealKey } from "@/lib/contract/views";
import { FALSE_SHAPE, TRUE_SHAPE, optionLetter, optionShape } from "../lib/answer-display";
import { useI18n } from "../lib/i18n";

/**
 * The options as the big screen shows them: same shapes, letters and colours as the phones'
 * buttons. With `revealKey`, correct options get a check mark and a label (not only a colour)
 * and the others fade. With `counts` (a reveal without the chart), each option says how many chose it.
 */
export function OptionList({
  question,
  revealKey,
  counts,
}: {
  question: PublicQuestion;
  revealKey?: RevealKey | null;
  counts?: DistributionBucket[];
}) {
  const { t, tx } = useI18n();

  const isCorrect = (i: number): boolean | null => {
    if (!revealKey) return null;
    if (revealKey.type === "single") return revealKey.correct === i;
    if (revealKey.type === "multiple") return revealKey.correct.includes(i);
    if (revealKey.type === "truefalse") return revealKey.correct === (i === 0);
    return null;
  };

  const rows: { key: string; className: string; shape: string; letter?: string; text: string }[] =
    question.type === "single" || question.type === "multiple"
      ? question.options.map((option, i) => ({
          key: String(i),
          className: `answer-opt-${i}`,
          shape: optionShape(i),
          letter: optionLetter(i),
          text: tx(option),
        }))
      : question.type === "truefalse"
        ? [
            { key: "true", className: "answer-tf-true", shape: TRUE_SHAPE, text: t("true") },
            { key: "false", className: "answer-tf-false", shape: FALSE_SHAPE, text: t("false") },
          ]
        : [];

  if (rows.length === 0) {
    if (question.type === "ordering") {
      return (
        <div>
          <p className="answer-hint">{t("hostOrderHint")}</p>
          <ul className="option-list option-list-plain">
            {question.items.map((item, i) => (
              <li key={i} className="option-row option-plain" data-testid="host-option">
                <span className="answer-text">{tx(item)}</span>
              </li>
            ))}
          </ul>
        </div>
      );
    }
    if (question.type === "numeric") {
      const unit = question.unit ? tx(question.unit) : "";
      return <p className="answer-hint answer-hint-large">{t("hostNumericHint", { unit })}</p>;
    }
    if (question.type === "text")
      return <p className="answer-hint answer-hint-large">{t("hostTextHint")}</p>;
    return null;
  }

  return (
    <ul className={`option-list option-list-${rows.length}`}>
      {rows.map((row, i) => {
        const correct = isCorrect(i);
        const state = correct === null ? "" : correct ? " option-correct" : " option-wrong";
        return (
          <li
            key={row.key}
            className={`option-row ${row.className}${state}`}
            data-testid="host-option"
          >
            <span className="answer-shape" aria-hidden="true">
              {row.shape}
            </span>
            {row.letter && <span className="answer-letter">{row.letter}</span>}
            <span className="answer-text">{row.text}</span>
            {correct && (
              <span className="option-mark">
                <span aria-hidden="true">✓ </span>
                <span className="option-mark-text">{t("correctAnswer")}</span>
              </span>
            )}
            {counts && (
              <span className="option-count" data-testid="option-count">
                {t("host.optionCount", {
                  n: counts.find((bucket) => bucket.key === row.key)?.count ?? 0,
                })}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
