"use client";

import dynamic from "next/dynamic";
import type { CSSProperties } from "react";
import type { LobbyPlayer, ProgressView, PublicQuestion, RoomView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import { isChoiceQuestion } from "./answer-buttons";
import { Countdown } from "./countdown";
import { HostAnswerCount } from "./host-answer-count";
import { OptionList } from "./option-list";
import { CodeListing, listingShape, QuestionView } from "./question-view";
import { RevealAnswer } from "./reveal-answer";

// recharts is the heaviest dependency of the UI: fetch it only when a reveal is on screen.
const DistributionChart = dynamic(() => import("./distribution-chart"), {
  ssr: false,
  loading: () => <div className="chart-placeholder" />,
});

/**
 * The listing's share of the stage's width: as wide as its lines need at the size its height
 * allows (a short, wide listing gets more, a long, narrow one less), within 42-68% (52% at the
 * reveal). An estimate in
 * the stage's units (host-live.css: ~40u of height and ~97u of width on a 16:9 screen); the font
 * itself is then fitted to the box the listing really gets, so the estimate only sets the balance.
 */
function codeGridStyle(code: string, reveal: boolean): CSSProperties {
  const { lines, cols } = listingShape(code);
  const font = Math.min(1.6, 40 / (lines * 1.35));
  const share = ((cols * 0.62 * font + 1.6) / 97) * 100;
  // At the reveal the other column holds the answers and the explanation: it keeps at least 48%.
  const max = reveal ? 52 : 68;
  return { "--code-share": `${Math.round(Math.min(max, Math.max(42, share)))}%` } as CSSProperties;
}

/**
 * A quiz question on the projector, asked and revealed. The stage fills the screen above the
 * control bar and never scrolls (host-live.css): with a code listing, the listing takes the left
 * column at whatever size lets every line show, and at the reveal the answers and the
 * explanation sit beside it (the room needs the code to follow the explanation, so the chart
 * gives way and each option carries its count instead).
 */
export function HostQuizStage({
  room,
  question,
  progress,
  offline,
}: {
  room: RoomView;
  question: PublicQuestion;
  progress: ProgressView | null;
  offline: LobbyPlayer[];
}) {
  const { t, tx } = useI18n();
  const reveal = room.phase === "reveal" ? room.reveal : null;
  const code = question.code ?? null;

  const answerBlock = reveal && (
    <div className="reveal-answer-block">
      {isChoiceQuestion(question) ? (
        <OptionList
          question={question}
          revealKey={reveal.key}
          counts={code ? reveal.distribution : undefined}
        />
      ) : (
        <RevealAnswer question={question} revealKey={reveal.key} />
      )}
      <p className="reveal-stats" data-testid="reveal-stats">
        {t("host.revealStats", {
          correct: reveal.fullyCorrect,
          answered: reveal.answered,
          total: room.playerCount,
        })}
      </p>
    </div>
  );
  const explanation = reveal && (
    <div className="explanation" data-testid="explanation">
      <h2>{t("explanation")}</h2>
      <p>{tx(reveal.explanation)}</p>
    </div>
  );

  return (
    <div
      className={`host-stage host-quiz${code ? " host-quiz-code" : ""}`}
      data-testid="host-stage"
    >
      <div className="host-stage-top">
        <QuestionView question={question} withCode={false} />
        {room.phase === "question" && room.questionDeadline !== null && (
          <aside className="host-status">
            <Countdown deadline={room.questionDeadline} limitSec={question.timeLimitSec} />
            <HostAnswerCount
              progress={progress}
              fallbackTotal={room.playerCount}
              offline={offline}
            />
          </aside>
        )}
      </div>
      {room.phase === "question" && (
        <div className="host-stage-body">
          {code ? (
            // Listing and options side by side, so both fit on a projector.
            <div className="host-code-grid" style={codeGridStyle(code, false)}>
              <CodeListing code={code} fit />
              <OptionList question={question} />
            </div>
          ) : (
            <OptionList question={question} />
          )}
        </div>
      )}
      {reveal && (
        <section
          className="host-stage-body reveal"
          data-testid="reveal"
          aria-label={t("host.reveal")}
        >
          {code ? (
            <div className="host-code-grid" style={codeGridStyle(code, true)}>
              <CodeListing code={code} fit />
              <div className="reveal-side">
                {answerBlock}
                {explanation}
              </div>
            </div>
          ) : (
            <>
              <div className="reveal-grid">
                {answerBlock}
                <DistributionChart question={question} distribution={reveal.distribution} />
              </div>
              {explanation}
            </>
          )}
        </section>
      )}
    </div>
  );
}
