"use client";

import type { PublicQuestion } from "@/lib/contract/views";
import { isKnownTopic } from "@/lib/questions/topics";
import { useI18n } from "../lib/i18n";

/**
 * The question itself: position, topic, prompt and the optional code listing. Shared by the host's
 * big screen and the player's phone; `compact` trims it for phones where the buttons matter most.
 */
export function QuestionView({
  question,
  compact = false,
  withCode = true,
}: {
  question: PublicQuestion;
  compact?: boolean;
  /** False when the caller places the listing itself (the host puts it beside the options). */
  withCode?: boolean;
}) {
  const { t, tx } = useI18n();
  return (
    <section
      className={`question-view${compact ? " question-compact" : ""}`}
      aria-labelledby="question-prompt"
    >
      <p className="question-meta">
        <span>{t("questionOf", { n: question.index + 1, total: question.total })}</span>
        <span className="question-topic">
          {/* The article's topics are translated; a host's own tag is shown as the host wrote it. */}
          {isKnownTopic(question.topic) ? t(`topic.${question.topic}`) : question.topic}
        </span>
        <span
          className="question-difficulty"
          aria-label={t("difficulty", { n: question.difficulty })}
        >
          {"★".repeat(question.difficulty)}
        </span>
      </p>
      <h1 id="question-prompt" className="question-prompt">
        {tx(question.prompt)}
      </h1>
      {withCode && question.code && <CodeListing code={question.code} />}
    </section>
  );
}

/** Monospace, never wrapped (indentation matters); scrolls sideways, and is focusable to do so. */
export function CodeListing({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <pre className="code-listing" tabIndex={0} aria-label={t("codeListing")}>
      <code>{code}</code>
    </pre>
  );
}
