"use client";

import Link from "next/link";
import type { OwnedChallenge } from "@/lib/contract/challenges";
import { useI18n } from "../lib/i18n";
import "../compact-tables.css";

/**
 * The host's own challenges, newest first: window, whether it is open, and how many attempts
 * started and finished. On a phone the window moves under the title (compact-tables.css).
 */
export function OwnedChallengeList({ challenges }: { challenges: OwnedChallenge[] }) {
  const { t, locale } = useI18n();
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
    });
  const span = (c: OwnedChallenge) => `${when(c.opensAt)} – ${when(c.deadline)}`;
  return (
    <main className="wide events-page" data-testid="my-challenges">
      <h1>{t("challenge.mineTitle")}</h1>
      <p className="lead">{t("challenge.mineLead")}</p>
      {challenges.length === 0 ? (
        <p data-testid="my-challenges-none">
          {t("challenge.mineNone")} <Link href="/sets">{t("challenge.toSets")}</Link>
        </p>
      ) : (
        <table
          className="results-table compact-table challenge-table"
          data-testid="my-challenges-table"
        >
          <thead>
            <tr>
              <th scope="col">{t("challenge.col.title")}</th>
              <th scope="col" className="wide-only">
                {t("challenge.col.window")}
              </th>
              <th scope="col">{t("challenge.col.status")}</th>
              <th scope="col" className="num">
                {t("challenge.col.started")}
              </th>
              <th scope="col" className="num">
                {t("challenge.col.finished")}
              </th>
            </tr>
          </thead>
          <tbody>
            {challenges.map((c) => (
              <tr key={c.id} data-testid="my-challenge-row" data-challenge={c.id}>
                <th scope="row">
                  <Link href={`/challenges/${c.id}`}>{c.title}</Link>
                  {c.eventId && <span className="cell-sub"> · {t("challenge.forEvent")}</span>}
                  <div className="cell-sub phone-only">{span(c)}</div>
                </th>
                <td className="wide-only">{span(c)}</td>
                <td className="nowrap" data-testid="my-challenge-window">
                  {t(`challenge.window.${c.window}`)}
                </td>
                <td className="num" data-testid="my-challenge-started">
                  {c.attemptsStarted}
                </td>
                <td className="num" data-testid="my-challenge-finished">
                  {c.attemptsFinished}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
