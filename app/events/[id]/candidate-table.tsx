"use client";

import Link from "next/link";
import { useId, useMemo, useState } from "react";
import type { CandidateSummary, DashboardView } from "@/lib/contract/event-api";
import { BYTES_PER_KB } from "@/lib/model/kb";
import { useI18n } from "../../lib/i18n";
import "../../compact-tables.css";

const SORTS = ["rank", "name", "score", "answered", "time", "registered"] as const;
type Sort = (typeof SORTS)[number];

const compare: Record<Sort, (a: CandidateSummary, b: CandidateSummary) => number> = {
  rank: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
  name: (a, b) => a.name.localeCompare(b.name),
  score: (a, b) => b.score - a.score,
  answered: (a, b) => b.answered - a.answered,
  time: (a, b) => (a.meanAnswerMs ?? Infinity) - (b.meanAnswerMs ?? Infinity),
  registered: (a, b) => a.registeredAt.localeCompare(b.registeredAt),
};

const percent = (x: number | null | undefined) =>
  x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`;

/** Every candidate, filtered by name or email and by whether they played, sorted as chosen. */
export function CandidateTable({
  eventId,
  dashboard,
}: {
  eventId: string;
  dashboard: DashboardView;
}) {
  const { t, tTopic, locale } = useI18n();
  const id = useId();
  const [query, setQuery] = useState("");
  const [playedOnly, setPlayedOnly] = useState(false);
  const [topic, setTopic] = useState("");
  const [sort, setSort] = useState<Sort>("rank");

  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return dashboard.candidates
      .filter((c) => !playedOnly || c.rank !== null)
      .filter(
        (c) =>
          needle === "" ||
          c.name.toLowerCase().includes(needle) ||
          c.email.toLowerCase().includes(needle),
      )
      .sort((a, b) => compare[sort](a, b) || a.registeredAt.localeCompare(b.registeredAt));
  }, [dashboard.candidates, query, playedOnly, sort]);

  return (
    <div className="candidate-table">
      <div className="candidate-toolbar no-print">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("events.search")}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            data-testid="candidate-search"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t("events.sort")}</label>
          <select id={`${id}-sort`} value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`events.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>{t("events.topicColumn")}</label>
          <select id={`${id}-topic`} value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">{t("events.topicNone")}</option>
            {[...dashboard.topics]
              .sort((a, b) => tTopic(a).localeCompare(tTopic(b), locale))
              .map((name) => (
                <option key={name} value={name}>
                  {tTopic(name)}
                </option>
              ))}
          </select>
        </div>
        <label className="check-row">
          <input
            type="checkbox"
            checked={playedOnly}
            onChange={(e) => setPlayedOnly(e.target.checked)}
          />
          <span>{t("events.playedOnly")}</span>
        </label>
      </div>
      <table className="results-table compact-table" data-testid="candidate-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("events.col.rank")}
            </th>
            <th scope="col">{t("events.col.candidate")}</th>
            <th scope="col" className="num">
              {t("events.col.score")}
            </th>
            <th scope="col" className="num wide-only">
              {t("events.col.correct")}
            </th>
            {topic && (
              <th scope="col" className="num wide-only">
                {tTopic(topic)}
              </th>
            )}
            <th scope="col" className="num wide-only">
              {t("events.col.time")}
            </th>
            <th scope="col" className="wide-only">
              {t("events.col.model")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const best = c.coding.find((round) => round.final)?.final ?? null;
            const model = best
              ? `${(best.sizeBytes / BYTES_PER_KB).toFixed(1)} KB · ${percent(best.privateAccuracy)}`
              : c.coding.length > 0
                ? t("events.modelPending")
                : "—";
            const topicPoints = c.topics.find((x) => x.topic === topic)?.points ?? 0;
            return (
              <tr key={c.id} data-testid="candidate-row">
                <td className="num">{c.rank ?? "—"}</td>
                <th scope="row">
                  <Link href={`/events/${eventId}/report?candidate=${c.id}`}>{c.name}</Link>
                  <div className="cell-sub">{c.email}</div>
                  <div className="cell-sub phone-only">
                    {t("events.correctOf", { correct: c.correct, answered: c.answered })} · {model}
                  </div>
                </th>
                <td className="num">{c.score}</td>
                <td className="num wide-only">
                  {t("events.correctOf", { correct: c.correct, answered: c.answered })}
                </td>
                {topic && <td className="num wide-only">{topicPoints}</td>}
                <td className="num wide-only">
                  {c.meanAnswerMs === null ? "—" : `${(c.meanAnswerMs / 1000).toFixed(1)} s`}
                </td>
                <td className="wide-only">{model}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p>{t("events.noCandidates")}</p>}
    </div>
  );
}
