"use client";

import Link from "next/link";
import type { ProfileBoardRank, ProfileModel } from "@/lib/accounts/profile";
import { boardSearch, type BoardScope } from "@/lib/boards/query";
import { formatKb } from "@/lib/model/kb";
import { useI18n } from "../lib/i18n";
import "../compact-tables.css";

const EVERYONE: BoardScope = { kind: "everyone" };

/**
 * The account's all-time standings on the persistent boards (repos.boards.ranksForUser), each a
 * link to that board. Shown even when the account hides from boards: this page is its own.
 */
export function BoardRanks({ ranks }: { ranks: ProfileBoardRank[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="board-ranks-title">
      <h2 id="board-ranks-title">{t("profile.boardRanks")}</h2>
      {ranks.length === 0 ? (
        <p className="card muted">{t("profile.noBoardRanks")}</p>
      ) : (
        <ul className="card board-ranks" data-testid="board-ranks">
          {ranks.map((r) => (
            <li key={`${r.board}-${r.window}`} data-testid={`board-rank-${r.board}`}>
              <Link
                href={`/boards?${boardSearch({ board: r.board, window: r.window, scope: EVERYONE })}`}
              >
                {t(`standings.board.${r.board}`)} · {t(`standings.window.${r.window}`)}
              </Link>
              <span
                className={r.rank === null ? "board-rank-value muted" : "board-rank-value"}
                data-testid="board-rank-value"
              >
                {r.rank === null
                  ? t("profile.boardRankNone")
                  : t("profile.boardRank", { rank: r.rank, n: r.total })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The account's final models of closed coding rounds, best accuracy first. */
export function BestModels({ models }: { models: ProfileModel[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="models-title">
      <h2 id="models-title">{t("profile.bestModels")}</h2>
      {models.length === 0 ? (
        <p className="card muted">{t("profile.noModels")}</p>
      ) : (
        <div className="table-scroll">
          <table className="results-table compact-table" data-testid="best-models-mine">
            <thead>
              <tr>
                <th scope="col">{t("profile.col.round")}</th>
                <th scope="col" className="num">
                  {t("profile.col.accuracy")}
                </th>
                <th scope="col" className="num">
                  {t("profile.col.size")}
                </th>
                <th scope="col" className="num">
                  {t("profile.col.rank")}
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={`${m.roomCode}-${m.createdAt}`}>
                  <th scope="row">
                    {m.variant === "shrink"
                      ? t("codingHost.variant.shrink")
                      : t("codingHost.variant.scratch")}
                    <span className="cell-sub">
                      <Link href={`/results/${m.roomCode}`}>{m.roomCode}</Link>
                    </span>
                  </th>
                  <td className="num">
                    {m.privateAccuracy === null ? "–" : `${(m.privateAccuracy * 100).toFixed(2)}%`}
                  </td>
                  <td className="num">{formatKb(m.sizeBytes)}</td>
                  <td className="num">{m.finalRank ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
