"use client";

import dynamic from "next/dynamic";
import type { PublicQuestion, RoomView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import { formatKb } from "@/lib/model/kb";
import { CodingBoardTable } from "./coding-board-table";
import { CodingScoringStatus } from "./coding-scoring-status";
import { CodingTimeLeft } from "./coding-time-left";
import { QuestionView } from "./question-view";
import "../coding.css";

const ParetoChart = dynamic(() => import("./coding-pareto-chart"), {
  ssr: false,
  loading: () => <div className="chart-placeholder" />,
});

type CodingQuestion = Extract<PublicQuestion, { type: "coding" }>;

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The rules as the room sees them on the projector. */
function Rules({
  question,
  deadline,
  maxBytes,
}: {
  question: CodingQuestion;
  deadline: number | null;
  /** The shrink round's size cap (half the baseline), from the room's board. */
  maxBytes: number | null;
}) {
  const { t } = useI18n();
  const c = question.coding;
  return (
    <dl className="coding-rules" data-testid="coding-rules">
      <div>
        <dt>{t("codingHost.variant")}</dt>
        <dd>{t(`codingHost.variant.${c.variant}`)}</dd>
      </div>
      <div>
        <dt>{t("codingHost.floor")}</dt>
        <dd>
          {c.variant === "shrink"
            ? t("codingHost.shrinkFloor", { drop: pct(c.maxAccuracyDrop) })
            : pct(c.accuracyFloor)}
        </dd>
      </div>
      {maxBytes !== null && (
        <div data-testid="coding-rules-max-size">
          <dt>{t("codingHost.maxSize")}</dt>
          <dd>{t("codingHost.maxSizeValue", { max: formatKb(maxBytes) })}</dd>
        </div>
      )}
      <div>
        <dt>{t("codingHost.cap")}</dt>
        <dd>{c.maxSubmissions}</dd>
      </div>
      <div>
        <dt>{t("codingHost.budget")}</dt>
        <dd>{c.trainingBudget.toLocaleString()}</dd>
      </div>
      {deadline !== null && (
        <div>
          <dt>{t("codingHost.timeLeft")}</dt>
          <dd>
            <CodingTimeLeft deadline={deadline} />
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Rows the projector shows: ten fit 1280x720 at a size the back of the room can read. */
const BOARD_ROWS = 10;

/**
 * The host's screen for a coding round: rules and clock, the live public board and its Pareto
 * chart while players train; from the reveal on, the private-split standings with points and the
 * explanation beside the chart. Like every live host screen it fits the projector without
 * scrolling (host-live.css): the board shows the top ten, the results page has everyone.
 */
export function CodingHostStage({ room, question }: { room: RoomView; question: CodingQuestion }) {
  const { t, tx, tn } = useI18n();
  const board = room.coding;
  const final = room.phase !== "question";
  const title = final ? t("codingHost.finalBoard") : t("codingHost.liveBoard");
  const hidden = board ? Math.max(0, board.entries.length - BOARD_ROWS) : 0;
  return (
    <div
      className={`host-stage coding-stage${final ? " coding-stage-final" : ""}`}
      data-testid="coding-stage"
    >
      <div className="coding-stage-top">
        <QuestionView question={question} withCode={false} />
        {!final && (
          <Rules
            question={question}
            deadline={!board?.draining ? room.questionDeadline : null}
            maxBytes={board?.maxBytes ?? null}
          />
        )}
      </div>
      {board && (
        <section className="coding-board-section" aria-label={title}>
          <div className="coding-board-head">
            <h2>{title}</h2>
            {/* Beside the title, not under it: the board needs the height for its rows. */}
            {board.draining ? (
              <CodingScoringStatus board={board} />
            ) : final ? (
              <p className="coding-private-note" data-testid="coding-private-note">
                {t("codingHost.privateNote")}
              </p>
            ) : (
              <p className="muted" data-testid="coding-board-stats">
                {t("codingHost.stats", {
                  submissions: board.submissions,
                  pending: board.pending,
                  players: room.playerCount,
                })}
              </p>
            )}
          </div>
          <div className="coding-board-grid">
            <CodingBoardTable board={board} limit={BOARD_ROWS} />
            {/* Live: the Pareto chart. Final: the explanation takes its place (both do not fit
                a 1280x720 projector beside ten rows; the live board showed the chart). */}
            <div className="coding-board-side">
              {!final && board.entries.length > 0 && (
                <ParetoChart
                  height={220}
                  floor={board.floor}
                  points={board.entries.map((e) => ({
                    id: e.playerId,
                    label: tn(e),
                    bytes: e.sizeBytes,
                    accuracy: e.accuracy,
                  }))}
                />
              )}
              {final && room.reveal && (
                <div className="explanation" data-testid="explanation">
                  <h2>{t("explanation")}</h2>
                  <p>{tx(room.reveal.explanation)}</p>
                </div>
              )}
              {hidden > 0 && (
                <p className="muted coding-board-more" data-testid="coding-board-more">
                  {t("codingHost.moreRows", { n: hidden })}
                </p>
              )}
            </div>
          </div>
        </section>
      )}
      {!board && final && room.reveal && (
        <div className="explanation" data-testid="explanation">
          <h2>{t("explanation")}</h2>
          <p>{tx(room.reveal.explanation)}</p>
        </div>
      )}
    </div>
  );
}
