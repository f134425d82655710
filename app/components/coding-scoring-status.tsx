"use client";

import type { CodingBoardView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import "../coding.css";

/**
 * "Round closed: scoring N models": shown on the host's and the players' screens between the
 * close and the standings. The round waits for every acknowledged submission however long that
 * takes, so without this line a slow queue would look like a frozen room.
 */
export function CodingScoringStatus({ board }: { board: CodingBoardView | null }) {
  const { t } = useI18n();
  if (!board?.draining) return null;
  return (
    <p
      className="card coding-scoring"
      role="status"
      aria-live="polite"
      data-testid="coding-scoring"
      data-pending={board.pending}
    >
      {t("codingHost.draining", { n: board.pending })}
    </p>
  );
}
