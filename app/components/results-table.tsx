"use client";

import Link from "next/link";
import { formatKb } from "@/lib/model/kb";
import type { CodingRoundResults, RoomResultsRow, TeamResultRow } from "@/lib/contract/results";
import { useI18n } from "../lib/i18n";
import { TeamResults } from "./team-results";
import "../compact-tables.css";

export interface ResultsData {
  code: string;
  status: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED";
  questionSetTitle: { zh: string; en: string };
  hostName: string;
  /** ISO strings: Dates do not cross the server/client component boundary as Dates. */
  createdAt: string;
  endedAt: string | null;
  questionCount: number;
  codingRoundCount: number;
  results: RoomResultsRow[];
  codingRounds: CodingRoundResults[];
  /** Team mode only: the teams' final standings. */
  teams?: TeamResultRow[];
}

const isVariant = (v: string): v is "scratch" | "shrink" => v === "scratch" || v === "shrink";

/** Each coding round's final standings: the model that represented each player, private split. */
function CodingResults({ rounds }: { rounds: ResultsData["codingRounds"] }) {
  const { t, tn } = useI18n();
  return rounds.map((round) => (
    <section
      key={round.questionIndex}
      className="results-coding"
      aria-labelledby={`coding-results-${round.questionIndex}`}
    >
      <h2 id={`coding-results-${round.questionIndex}`}>
        {t("results.codingTitle", {
          n: round.questionIndex + 1,
          variant: isVariant(round.variant)
            ? t(`codingHost.variant.${round.variant}`)
            : round.variant,
        })}
      </h2>
      <div className="table-scroll">
        <table className="results-table compact-table" data-testid="results-coding">
          <thead>
            <tr>
              <th scope="col">{t("rank")}</th>
              <th scope="col">{t("nickname")}</th>
              <th scope="col" className="num">
                {t("codingBoard.privateAccuracy")}
              </th>
              <th scope="col" className="num">
                {t("codingBoard.size")}
              </th>
              <th scope="col" className="wide-only">
                {t("boards.model")}
              </th>
              <th scope="col" className="num">
                {t("codingBoard.points")}
              </th>
            </tr>
          </thead>
          <tbody>
            {round.entries.map((e) => (
              <tr key={e.playerId} data-testid="results-coding-row">
                <td>{e.rank}</td>
                <th scope="row">
                  {tn(e)}
                  {/* On a phone the model column gives way: its summary goes under the name. */}
                  <code className="cell-sub phone-only">{e.summary}</code>
                </th>
                <td className="num">
                  {e.privateAccuracy === null ? "—" : `${(e.privateAccuracy * 100).toFixed(2)}%`}
                </td>
                <td className="num">{formatKb(e.sizeBytes)}</td>
                <td className="wide-only">
                  <code>{e.summary}</code>
                </td>
                <td className="num">{e.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  ));
}

/** The final standings as stored in the database (the server component reads them). */
export function ResultsTable({ data }: { data: ResultsData }) {
  const { t, tx, tn, locale } = useI18n();
  const date = new Date(data.endedAt ?? data.createdAt).toLocaleString(
    locale === "zh" ? "zh-CN" : "en",
    {
      dateStyle: "medium",
      timeStyle: "short",
    },
  );

  return (
    <section className="results" aria-labelledby="results-title">
      <h1 id="results-title">{t("results.title", { code: data.code })}</h1>
      <p className="muted">
        {tx(data.questionSetTitle)} · {t("results.hostedBy", { name: data.hostName })} ·{" "}
        {/* Formatted in the reader's time zone, which the server cannot know. */}
        <time dateTime={data.endedAt ?? data.createdAt} suppressHydrationWarning>
          {date}
        </time>{" "}
        · {t(`results.status.${data.status}`)}
      </p>
      {data.results.length === 0 ? (
        <p className="card">
          {data.status === "FINISHED" ? t("results.empty") : t("results.notFinished")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="results-table compact-table" data-testid="results-table">
            <thead>
              <tr>
                <th scope="col">{t("rank")}</th>
                <th scope="col">{t("nickname")}</th>
                <th scope="col" className="num">
                  {t("score")}
                </th>
                <th scope="col" className="num">
                  {t("results.correct", { total: data.questionCount })}
                </th>
                {data.codingRoundCount > 0 && (
                  <th scope="col" className="num">
                    {t("results.codingMet", { total: data.codingRoundCount })}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {data.results.map((row) => (
                <tr key={row.playerId} data-testid="results-row">
                  <td>{row.rank}</td>
                  <th scope="row">{tn(row)}</th>
                  <td className="num">{row.score}</td>
                  <td className="num" data-testid="results-correct">
                    {row.correctCount}
                  </td>
                  {data.codingRoundCount > 0 && (
                    <td className="num" data-testid="results-coding-met">
                      {row.codingTargetsMet}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.teams && <TeamResults teams={data.teams} players={data.results} />}
      <CodingResults rounds={data.codingRounds} />
      <p>
        <Link href="/" className="button button-ghost">
          {t("backHome")}
        </Link>
      </p>
    </section>
  );
}
