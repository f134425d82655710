"use client";

import Link from "next/link";
import type { CodingVariant } from "@/lib/coding/round";
import type { BoardResponse } from "@/lib/contract/http";
import { accuracyPerKb } from "@/lib/model/scoring";
import { formatKb } from "@/lib/model/kb";
import { useI18n } from "../lib/i18n";
import "../compact-tables.css";

/** One board row as JSON carries it (GET /api/boards/:variant): the date as an ISO string. */
export type BestModelRowData = BoardResponse["data"][number];

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

/** A finished room's results; a running room's code is never shown. */
function RoomLink({ code }: { code: string | null }) {
  const { t } = useI18n();
  if (code === null) return <span className="muted">{t("boards.roomRunning")}</span>;
  return <Link href={`/results/${code}`}>{code}</Link>;
}

export function BestModelsTable(props: { variant: CodingVariant; rows: BestModelRowData[] }) {
  const { t, tn } = useI18n();
  const other: CodingVariant = props.variant === "scratch" ? "shrink" : "scratch";
  return (
    <section className="results" aria-labelledby="board-title">
      <h1 id="board-title">{t(`boards.title.${props.variant}`)}</h1>
      <p className="muted">{t(`boards.intro.${props.variant}`)}</p>
      {props.rows.length === 0 ? (
        <p className="card">{t("boards.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="results-table compact-table" data-testid="best-models">
            <thead>
              <tr>
                <th scope="col">{t("rank")}</th>
                <th scope="col">{t("nickname")}</th>
                <th scope="col" className="num">
                  {t("boards.accuracy")}
                </th>
                <th scope="col" className="num">
                  {t("boards.size")}
                </th>
                <th scope="col" className="num">
                  {t("codingBoard.perKb")}
                </th>
                <th scope="col" className="wide-only">
                  {t("boards.model")}
                </th>
                <th scope="col" className="wide-only">
                  {t("boards.room")}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row, i) => (
                <tr key={row.submissionId} data-testid="best-model-row">
                  <td>{i + 1}</td>
                  <th scope="row">
                    {tn(row)}
                    {/* On a phone the model and room columns give way: both go under the name. */}
                    <span className="cell-sub phone-only">
                      <code>{row.summary}</code> · <RoomLink code={row.roomCode} />
                    </span>
                  </th>
                  <td className="num">{percent(row.privateAccuracy)}</td>
                  <td className="num">{formatKb(row.sizeBytes)}</td>
                  {/* The header names the unit, so a phone's column stays narrow. */}
                  <td className="num">
                    {(accuracyPerKb(row.privateAccuracy, row.sizeBytes) * 100).toFixed(1)}
                  </td>
                  <td className="wide-only">
                    <code>{row.summary}</code> · {row.parameters.toLocaleString()}
                  </td>
                  <td className="wide-only" data-testid="best-model-room">
                    <RoomLink code={row.roomCode} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link href={`/boards/${other}`} className="button button-ghost">
          {t("boards.other")}: {t(`boards.title.${other}`)}
        </Link>
      </p>
    </section>
  );
}
