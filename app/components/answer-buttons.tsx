"use client";

import { useEffect, useRef, useState } from "react";
import type { PublicQuestion } from "@/lib/contract/views";
import type { Answer } from "@/lib/questions/schema";
import { FALSE_SHAPE, TRUE_SHAPE, optionLetter, optionShape } from "../lib/answer-display";
import { useI18n } from "../lib/i18n";

type ChoiceQuestion = Extract<PublicQuestion, { type: "single" | "multiple" | "truefalse" }>;

export function isChoiceQuestion(question: PublicQuestion): question is ChoiceQuestion {
  return (
    question.type === "single" || question.type === "multiple" || question.type === "truefalse"
  );
}

interface AnswerButtonsProps {
  question: ChoiceQuestion;
  disabled: boolean;
  onAnswer: (answer: Answer) => void;
}

const LETTER_KEYS = "abcdef";

/** Keys typed into a field belong to that field, not to the shortcuts. */
function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest("input, textarea, select, [contenteditable]") !== null
  );
}

/** Digit 1-6 or letter a-f -> option index; anything else -> null. */
function keyToIndex(key: string): number | null {
  const lower = key.toLowerCase();
  if (/^[1-6]$/.test(lower)) return Number(lower) - 1;
  const letter = LETTER_KEYS.indexOf(lower);
  return letter >= 0 && lower.length === 1 ? letter : null;
}

/**
 * Big buttons for single choice, multiple choice and true/false. Each option differs by shape,
 * letter and colour. Keyboard: 1-6 or A-F pick (and toggle for multiple choice), Enter submits
 * a multiple-choice selection, Space toggles the focused option; T/F also work for true/false.
 */
export function AnswerButtons({ question, disabled, onAnswer }: AnswerButtonsProps) {
  const { t, tx } = useI18n();
  const [selected, setSelected] = useState<number[]>([]);
  const blockRef = useRef<HTMLDivElement>(null);
  const optionCount = question.type === "truefalse" ? 2 : question.options.length;

  const pick = (index: number) => {
    if (disabled || index >= optionCount) return;
    if (question.type === "single") onAnswer({ type: "single", choice: index });
    else if (question.type === "truefalse") onAnswer({ type: "truefalse", value: index === 0 });
    else
      setSelected((prev) =>
        prev.includes(index) ? prev.filter((i) => i !== index) : [...prev, index],
      );
  };
  const submitMultiple = () => {
    if (disabled || selected.length === 0) return;
    onAnswer({ type: "multiple", choices: [...selected].sort((a, b) => a - b) });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (question.type === "truefalse" && (key === "t" || key === "f")) {
        event.preventDefault();
        pick(key === "t" ? 0 : 1);
        return;
      }
      if (key === "enter" && question.type === "multiple") {
        // Enter submits even with an option focused (Space still toggles it), but only from the
        // answer area or the page itself, not from header controls.
        const target = event.target;
        const fromAnswers =
          target === document.body ||
          (target instanceof Node && blockRef.current?.contains(target));
        if (!fromAnswers) return;
        event.preventDefault();
        submitMultiple();
        return;
      }
      const index = keyToIndex(key);
      if (index !== null) {
        event.preventDefault();
        pick(index);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (question.type === "truefalse") {
    return (
      <div
        className="answer-grid answer-grid-2"
        role="group"
        aria-label={t("chooseAnswer")}
        ref={blockRef}
      >
        {[true, false].map((value, i) => (
          <button
            key={String(value)}
            type="button"
            className={`answer-button answer-tf-${value}`}
            data-testid={`answer-${value}`}
            disabled={disabled}
            aria-keyshortcuts={`${i + 1} ${value ? "T" : "F"}`}
            onClick={() => pick(i)}
          >
            <span className="answer-shape" aria-hidden="true">
              {value ? TRUE_SHAPE : FALSE_SHAPE}
            </span>
            <span className="answer-text">{t(value ? "true" : "false")}</span>
          </button>
        ))}
      </div>
    );
  }

  const multiple = question.type === "multiple";
  return (
    <div className="answer-block" ref={blockRef}>
      {multiple && <p className="answer-hint">{t("chooseN", { n: question.correctCount })}</p>}
      <div
        className={`answer-grid answer-grid-${question.options.length}`}
        role="group"
        aria-label={t("chooseAnswer")}
      >
        {question.options.map((option, i) => (
          <button
            key={i}
            type="button"
            className={`answer-button answer-opt-${i}`}
            data-testid={`answer-${i}`}
            disabled={disabled}
            aria-pressed={multiple ? selected.includes(i) : undefined}
            aria-keyshortcuts={`${i + 1} ${optionLetter(i)}`}
            onClick={() => pick(i)}
          >
            <span className="answer-shape" aria-hidden="true">
              {optionShape(i)}
            </span>
            <span className="answer-letter">{optionLetter(i)}</span>
            <span className="answer-text">{tx(option)}</span>
            {multiple && (
              <span className="answer-check" aria-hidden="true">
                {selected.includes(i) ? "☑" : "☐"}
              </span>
            )}
          </button>
        ))}
      </div>
      {multiple && (
        <button
          type="button"
          className="button button-primary button-block"
          data-testid="answer-submit"
          disabled={disabled || selected.length === 0}
          aria-keyshortcuts="Enter"
          onClick={submitMultiple}
        >
          {t("submitSelected", { n: selected.length })}
        </button>
      )}
    </div>
  );
}
