"use client";

import { useContext, useId, useState } from "react";
import { QUESTION_TYPES, type QuestionType } from "@/lib/questions/schema";
import { useI18n } from "../lib/i18n";
import type { QuestionForm } from "./draft";
import { IssueContext } from "./fields";

/**
 * The set's questions in play order. Each row selects its question for editing; moving is done
 * with buttons (keyboard and screen readers reach them like any button), and focus stays on the
 * moved question's button so a keyboard user can keep moving it.
 */
export function QuestionList({
  questions,
  selected,
  hasIssues,
  onSelect,
  onMove,
  onRemove,
  onAdd,
}: {
  questions: QuestionForm[];
  selected: number;
  hasIssues: (index: number) => boolean;
  onSelect: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  onAdd: (type: QuestionType) => void;
}) {
  const { t, locale } = useI18n();
  const { readOnly } = useContext(IssueContext);
  const [type, setType] = useState<QuestionType>("single");
  const addId = useId();
  const move = (from: number, to: number, which: "up" | "down") => {
    onMove(from, to);
    // The row re-renders at its new place: keep the keyboard on the same control there.
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`[data-move="${which}-${to}"]`)?.focus(),
    );
  };
  return (
    <section className="set-questions" aria-labelledby={`${addId}-heading`}>
      <h2 id={`${addId}-heading`}>{t("sets.questions", { n: questions.length })}</h2>
      {questions.length === 0 && <p className="muted">{t("sets.noQuestions")}</p>}
      <ol className="set-question-list" data-testid="question-list">
        {questions.map((q, i) => {
          const other = locale === "zh" ? "en" : "zh";
          const prompt = q.prompt[locale] || q.prompt[other] || t("sets.untitledQuestion");
          return (
            <li key={q.key} className={`set-question-row${i === selected ? " is-selected" : ""}`}>
              <button
                type="button"
                className="set-question-pick"
                aria-current={i === selected ? "true" : undefined}
                data-testid={`question-row-${i}`}
                onClick={() => onSelect(i)}
              >
                <span className="set-question-num">{i + 1}.</span>
                <span className="badge">{t(`sets.type.${q.type}`)}</span>
                <span className="set-question-prompt">{prompt}</span>
                {hasIssues(i) && <span className="set-issue-badge">{t("sets.hasIssues")}</span>}
              </button>
              {!readOnly && (
                <span className="button-row set-move">
                  <button
                    type="button"
                    className="button button-ghost"
                    data-move={`up-${i}`}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1, "up")}
                  >
                    {t("sets.moveUp", { n: i + 1 })}
                  </button>
                  <button
                    type="button"
                    className="button button-ghost"
                    data-move={`down-${i}`}
                    disabled={i === questions.length - 1}
                    onClick={() => move(i, i + 1, "down")}
                  >
                    {t("sets.moveDown", { n: i + 1 })}
                  </button>
                  <button
                    type="button"
                    className="button button-ghost"
                    data-testid={`question-remove-${i}`}
                    onClick={() => {
                      if (window.confirm(t("sets.removeConfirm", { n: i + 1 }))) onRemove(i);
                    }}
                  >
                    {t("sets.remove", { n: i + 1 })}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <div className="set-add">
          <div className="field">
            <label htmlFor={addId}>{t("sets.addType")}</label>
            <select
              id={addId}
              value={type}
              data-testid="add-type"
              onChange={(e) => setType(e.target.value as QuestionType)}
            >
              {QUESTION_TYPES.map((qt) => (
                <option key={qt} value={qt}>
                  {t(`sets.type.${qt}`)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button-primary"
            data-testid="add-question"
            onClick={() => onAdd(type)}
          >
            {t("sets.addQuestion")}
          </button>
        </div>
      )}
    </section>
  );
}
