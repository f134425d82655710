"use client";

import type { CSSProperties } from "react";
import type { PublicQuestion } from "@/lib/contract/views";
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
  const { t, tx, tTopic } = useI18n();
  return (
    <section
      className={`question-view${compact ? " question-compact" : ""}`}
      aria-labelledby="question-prompt"
    >
      <p className="question-meta">
        <span>{t("questionOf", { n: question.index + 1, total: question.total })}</span>
        <span className="question-topic">{tTopic(question.topic)}</span>
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

/**
 * Monospace, never wrapped (indentation matters); scrolls sideways, and is focusable to do so.
 * `fit` (the projector): every line shows, no scrolling; the font is sized from the box it is
 * given and the listing's own lines and columns (host-live.css), so a 4-line and a 31-line
 * listing each get the largest type that fits.
 */
export function CodeListing({ code, fit = false }: { code: string; fit?: boolean }) {
  const { t } = useI18n();
  const pre = (
    // Fitted, nothing scrolls, so the listing is no tab stop; a named group keeps its label.
    <pre
      className="code-listing"
      tabIndex={fit ? undefined : 0}
      role={fit ? "group" : undefined}
      aria-label={t("codeListing")}
    >
      <code>{code}</code>
    </pre>
  );
  if (!fit) return pre;
  const shape = listingShape(code);
  const style = { "--code-lines": shape.lines, "--code-cols": shape.cols } as CSSProperties;
  return (
    <div className="code-fit" style={style} data-testid="code-listing">
      {pre}
    </div>
  );
}

/** Lines and the longest line's characters (at least 20, so a tiny listing is not huge). */
export function listingShape(code: string): { lines: number; cols: number } {
  const lines = code.split("\n");
  return { lines: lines.length, cols: Math.max(20, ...lines.map((line) => line.length)) };
}
