"use client";

import type { PublicQuestion, RevealKey } from "@/lib/contract/views";
import type { Answer } from "@/lib/questions/schema";
import { optionLetter, optionShape } from "../lib/answer-display";
import { useI18n } from "../lib/i18n";

/** One choice option as the reveal lists it: shape, letter and text (never colour alone). */
export function RevealOption({ question, index }: { question: PublicQuestion; index: number }) {
  const { tx } = useI18n();
  const options =
    question.type === "single" || question.type === "multiple" ? question.options : [];
  const text = options[index] ? tx(options[index]) : "";
  return (
    <li className={`reveal-option answer-opt-${index}`}>
      <span className="answer-shape" aria-hidden="true">
        {optionShape(index)}
      </span>
      <span className="answer-letter">{optionLetter(index)}</span>
      <span className="answer-text">{text}</span>
    </li>
  );
}

/** An answer in words, for every question type: the correct one at the reveal, or the player's own. */
export function AnswerBody({
  question,
  answer,
  tolerance = 0,
}: {
  question: PublicQuestion;
  answer: Answer;
  /** Numeric questions: the accepted distance from the correct value, shown beside it. */
  tolerance?: number;
}) {
  const { t, tx } = useI18n();
  const option = (i: number) => <RevealOption key={i} question={question} index={i} />;
  switch (answer.type) {
    case "single":
      return <ul className="reveal-options">{option(answer.choice)}</ul>;
    case "multiple":
      return <ul className="reveal-options">{answer.choices.map(option)}</ul>;
    case "truefalse":
      return <p className="reveal-value">{t(answer.value ? "true" : "false")}</p>;
    case "ordering": {
      const items = question.type === "ordering" ? question.items : [];
      return (
        <ol className="reveal-order">
          {answer.order.map((position) => (
            <li key={position}>{items[position] ? tx(items[position]) : ""}</li>
          ))}
        </ol>
      );
    }
    case "numeric": {
      const unit = question.type === "numeric" && question.unit ? ` ${tx(question.unit)}` : "";
      return (
        <p className="reveal-value">
          {answer.value}
          {unit}
          {tolerance > 0 && (
            <span className="reveal-tolerance"> {t("tolerance", { n: tolerance })}</span>
          )}
        </p>
      );
    }
    case "text":
      return <p className="reveal-value">{answer.text}</p>;
  }
}

/** The reveal key as an answer a player could have given (text: every accepted form). */
function keyAsAnswer(key: RevealKey): Answer | null {
  switch (key.type) {
    case "single":
      return { type: "single", choice: key.correct };
    case "multiple":
      return { type: "multiple", choices: key.correct };
    case "truefalse":
      return { type: "truefalse", value: key.correct };
    case "ordering":
      return { type: "ordering", order: key.order };
    case "numeric":
      return { type: "numeric", value: key.correct };
    case "text":
      return { type: "text", text: key.accepted.join(" / ") };
    case "coding":
      return null;
  }
}

/** The correct answer in words, for every question type (the phone's and the host's reveal). */
export function RevealAnswer({
  question,
  revealKey,
}: {
  question: PublicQuestion;
  revealKey: RevealKey;
}) {
  const { t } = useI18n();
  const answer = keyAsAnswer(revealKey);
  // Rounds without a single right answer (e.g. the coding round) show only the explanation.
  if (!answer) return null;
  return (
    <div className="reveal-answer">
      <h2 className="reveal-heading">
        <span aria-hidden="true">✓ </span>
        {t("correctAnswer")}
      </h2>
      <AnswerBody
        question={question}
        answer={answer}
        tolerance={revealKey.type === "numeric" ? revealKey.tolerance : 0}
      />
    </div>
  );
}
