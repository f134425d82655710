"use client";

import type { CodingBoardEntry, CodingBoardView } from "@/lib/contract/views";
import { formatKb } from "@/lib/model/kb";
import { useI18n } from "../lib/i18n";

/**
 * Whether a model meets the round's task: above the floor, under it, or (shrink) over the size
 * cap, which no accuracy makes up for.
 */
export function TargetMark({
  entry,
  maxBytes,
}: {
  entry: Pick<CodingBoardEntry, "aboveFloor" | "tooLarge">;
  maxBytes: number | null;
}) {
  const { t } = useI18n();
  if (entry.tooLarge) {
    return (
      <span
        className="coding-too-large"
        title={
          maxBytes === null ? undefined : t("codingBoard.tooLargeHint", { max: formatKb(maxBytes) })
        }
      >
        ✗ {t("codingBoard.tooLarge")}
      </span>
    );
  }
  return <>{entry.aboveFloor ? `✓ ${t("codingBoard.above")}` : `✗ ${t("codingBoard.below")}`}</>;
}

/**
 * A coding round's board: each player's representative model, ranked floor first, then accuracy
 * per KB. Public split while the round runs; private split with points from the reveal on.
 */
export function CodingBoardTable({
  board,
  limit = 15,
}: {
  board: CodingBoardView;
  limit?: number;
}) {
  const { t, tn } = useI18n();
  const final = board.split === "private";
  if (board.entries.length === 0) {
    return (
      <p className="muted" data-testid="coding-board-empty">
        {t("codingBoard.empty")}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="coding-board" data-testid="coding-board" data-split={board.split}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("nickname")}</th>
            <th scope="col">
              {final ? t("codingBoard.privateAccuracy") : t("codingBoard.publicAccuracy")}
            </th>
            <th scope="col">{t("codingBoard.size")}</th>
            <th scope="col">{t("codingBoard.perKb")}</th>
            <th scope="col">{t("codingBoard.floor")}</th>
            {final && <th scope="col">{t("codingBoard.points")}</th>}
          </tr>
        </thead>
        <tbody>
          {board.entries.slice(0, limit).map((e) => (
            <tr
              key={e.playerId}
              data-testid="coding-board-row"
              data-player={e.nickname}
              data-too-large={e.tooLarge || undefined}
              className={e.aboveFloor ? undefined : "below-floor"}
            >
              <td>{e.rank}</td>
              <td>
                {tn(e)}
                {e.pareto && (
                  <span className="coding-pareto-mark" title={t("codingBoard.paretoHint")}>
                    {" "}
                    ◆<span className="sr-only">{t("codingBoard.pareto")}</span>
                  </span>
                )}
              </td>
              <td data-testid="coding-board-accuracy">{(e.accuracy * 100).toFixed(2)}%</td>
              <td data-testid="coding-board-size">{formatKb(e.sizeBytes)}</td>
              <td>{(e.accuracyPerKb * 100).toFixed(1)}</td>
              <td data-testid="coding-board-target">
                <TargetMark entry={e} maxBytes={board.maxBytes} />
              </td>
              {final && <td data-testid="coding-board-points">{e.points ?? 0}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
