"use client";

import type { ReactNode } from "react";
import type { PublicQuestion } from "@/lib/contract/views";
import type { Answer } from "@/lib/questions/schema";
import { useI18n } from "../lib/i18n";
import { RevealOption } from "./reveal-answer";

/**
 * The player's own answer, shown on the phone beside the correct one, so "Not this time" can be
 * checked against what was actually sent. Nothing when the player did not answer (the verdict
 * already says so).
 */
export function YourAnswer({ question, answer }: { question: PublicQuestion; answer: Answer }) {
  const { t, tx } = useI18n();
  const option = (i: number) => <RevealOption key={i} question={question} index={i} />;

  let body: ReactNode;
  switch (answer.type) {
    case "single":
      body = <ul className="reveal-options">{option(answer.choice)}</ul>;
      break;
    case "multiple":
      body = <ul className="reveal-options">{answer.choices.map(option)}</ul>;
      break;
    case "truefalse":
      body = <p className="reveal-value">{t(answer.value ? "true" : "false")}</p>;
      break;
    case "ordering": {
      const items = question.type === "ordering" ? question.items : [];
      body = (
        <ol className="reveal-order">
          {answer.order.map((position) => (
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
          {answer.value}
          {unit}
        </p>
      );
      break;
    }
    case "text":
      body = <p className="reveal-value">{answer.text}</p>;
      break;
  }

  return (
    <div className="reveal-answer your-answer" data-testid="your-answer">
      <h2 className="reveal-heading">{t("yourAnswer")}</h2>
      {body}
    </div>
  );
}
