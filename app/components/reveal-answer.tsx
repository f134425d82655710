"use client";

import type { ReactNode } from "react";
import type { PublicQuestion, RevealKey } from "@/lib/contract/views";
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

/** The correct answer in words, for every question type (the phone's and the host's reveal). */
export function RevealAnswer({
  question,
  revealKey,
}: {
  question: PublicQuestion;
  revealKey: RevealKey;
}) {
  const { t, tx } = useI18n();

  const option = (i: number) => <RevealOption key={i} question={question} index={i} />;

  let body: ReactNode;
  switch (revealKey.type) {
    case "single":
      body = <ul className="reveal-options">{option(revealKey.correct)}</ul>;
      break;
    case "multiple":
      body = <ul className="reveal-options">{revealKey.correct.map(option)}</ul>;
      break;
    case "truefalse":
      body = <p className="reveal-value">{t(revealKey.correct ? "true" : "false")}</p>;
      break;
    case "ordering": {
      const items = question.type === "ordering" ? question.items : [];
      body = (
        <ol className="reveal-order">
          {revealKey.order.map((position) => (
            <li key={position}>{items[position] ? tx(items[position]) : ""}</li>
          ))}
        </ol>
      );
      break;
    }
    case "numeric": {
      const unit = question.type === "numeric" && question.unit ? ` ${tx(question.unit)}` : "";
      body = (
        <p className="reveal-value">
          {revealKey.correct}
          {unit}
          {revealKey.tolerance > 0 && (
            <span className="reveal-tolerance"> {t("tolerance", { n: revealKey.tolerance })}</span>
          )}
        </p>
      );
      break;
    }
    case "text":
      body = <p className="reveal-value">{revealKey.accepted.join(" / ")}</p>;
      break;
    default:
      // Rounds without a single right answer (e.g. the coding round) show only the explanation.
      return null;
  }

  return (
    <div className="reveal-answer">
      <h2 className="reveal-heading">
        <span aria-hidden="true">✓ </span>
        {t("correctAnswer")}
      </h2>
      {body}
    </div>
  );
}
