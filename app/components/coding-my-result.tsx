"use client";

import type { CodingBoardView } from "@/lib/contract/views";
import { formatKb } from "@/lib/model/kb";
import { useI18n } from "../lib/i18n";
import { TargetMark } from "./coding-board-table";

/** The player's own line of a closed coding round: private-split accuracy, size, rank, points. */
export function CodingMyResult({ board, playerId }: { board: CodingBoardView; playerId: string }) {
  const { t } = useI18n();
  const mine = board.entries.find((e) => e.playerId === playerId);
  return (
    <div className="card" data-testid="coding-my-result">
      {mine ? (
        <p>
          {t("codingMine.result", {
            rank: mine.rank,
            total: board.entries.length,
            accuracy: `${(mine.accuracy * 100).toFixed(2)}%`,
            size: formatKb(mine.sizeBytes),
          })}{" "}
          <strong>
            <TargetMark entry={mine} maxBytes={board.maxBytes} />
          </strong>
        </p>
      ) : (
        <p>{t("codingMine.none")}</p>
      )}
      <p className="muted">{t("codingMine.private")}</p>
    </div>
  );
}
