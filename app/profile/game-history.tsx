"use client";

import Link from "next/link";
import type { ProfileGame } from "@/lib/accounts/profile";
import { useI18n } from "../lib/i18n";
import "../compact-tables.css";

/** Every game the account played, newest first: its score and rank, or why it has none. */
export function GameHistory({ games }: { games: ProfileGame[] }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("profile.history")}</h2>
      {games.length === 0 ? (
        <p className="card muted" data-testid="history-empty">
          {t("profile.noGames")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="results-table compact-table" data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t("profile.col.game")}</th>
                <th scope="col" className="wide-only">
                  {t("profile.col.date")}
                </th>
                <th scope="col" className="num">
                  {t("profile.col.score")}
                </th>
                <th scope="col" className="num">
                  {t("profile.col.rank")}
                </th>
              </tr>
            </thead>
            <tbody>
              {games.map((game) => (
                <tr key={`${game.roomCode}-${game.playedAt}`} data-room={game.roomCode}>
                  <th scope="row">
                    {game.title[locale] || game.roomCode}
                    <span className="cell-sub history-sub">
                      {game.status === "FINISHED" ? (
                        <Link href={`/results/${game.roomCode}`}>{game.roomCode}</Link>
                      ) : (
                        game.roomCode
                      )}{" "}
                      · {t("profile.playedAs", { nickname: game.nickname })}
                    </span>
                    <span className="cell-sub phone-only">{game.playedAt.slice(0, 10)}</span>
                  </th>
                  <td className="wide-only">{game.playedAt.slice(0, 10)}</td>
                  <td className="num" data-testid="history-score">
                    {game.score ?? "–"}
                  </td>
                  <td className="num" data-testid="history-rank">
                    {game.rank !== null
                      ? t("profile.rankOf", { rank: game.rank, n: game.players })
                      : t(`profile.status.${game.status}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
