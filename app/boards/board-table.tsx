"use client";

import Link from "next/link";
import type { BoardPage, BoardYou } from "@/lib/contract/boards";
import { useI18n } from "../lib/i18n";

const n = (x: number) => x.toLocaleString();

/** The ranked rows; the viewer's own is marked. On a phone the parts go under the name. */
export function BoardTable({ page }: { page: BoardPage }) {
  const { t } = useI18n();
  const combined = page.board === "combined";
  return (
    <div className="table-scroll">
      <table className="results-table compact-table board-table" data-testid="board-table">
        <thead>
          <tr>
            <th scope="col">{t("rank")}</th>
            <th scope="col">{t("standings.name")}</th>
            {combined ? (
              <>
                <th scope="col" className="num wide-only">
                  {t("standings.quiz")}
                </th>
                <th scope="col" className="num wide-only">
                  {t("standings.coding")}
                </th>
              </>
            ) : null}
            <th scope="col" className="num">
              {t("score")}
            </th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr
              key={`${row.rank}-${row.name}-${row.score}-${row.you}`}
              className={row.you ? "board-you" : undefined}
              aria-current={row.you ? "true" : undefined}
              data-testid="board-row"
            >
              <td>{row.rank}</td>
              <th scope="row">
                {row.name}
                {row.you ? <span className="board-you-tag"> ({t("you")})</span> : null}
                {combined ? (
                  <span className="cell-sub phone-only">
                    {t("standings.quiz")} {n(row.quiz ?? 0)} · {t("standings.coding")}{" "}
                    {n(row.coding ?? 0)}
                  </span>
                ) : null}
              </th>
              {combined ? (
                <>
                  <td className="num wide-only">{n(row.quiz ?? 0)}</td>
                  <td className="num wide-only">{n(row.coding ?? 0)}</td>
                </>
              ) : null}
              <td className="num">{n(row.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The viewer's own row when it is not on the page shown (or they hide from boards). */
export function YourStanding(props: { you: BoardYou; combined: boolean; pageHref: string | null }) {
  const { t } = useI18n();
  const { you } = props;
  return (
    <section
      className="card board-you-card"
      aria-labelledby="your-standing"
      data-testid="board-you"
    >
      <h2 id="your-standing">{t("standings.yourStanding")}</h2>
      <p className="board-you-line">
        <strong>#{you.rank}</strong> {you.name} · {n(you.score)}
        {props.combined ? (
          <span className="muted">
            {" "}
            ({t("standings.quiz")} {n(you.quiz ?? 0)} · {t("standings.coding")} {n(you.coding ?? 0)}
            )
          </span>
        ) : null}
      </p>
      {you.hidden ? <p className="muted">{t("standings.hiddenNote")}</p> : null}
      {props.pageHref ? (
        <Link href={props.pageHref} className="button button-ghost">
          {t("standings.yourPage")}
        </Link>
      ) : null}
    </section>
  );
}
