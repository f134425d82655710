"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type {
  AnswerDetail,
  CandidateSummary,
  EventView,
  SubmissionDetail,
} from "@/lib/contract/event-api";
import type { ErrorCode } from "@/lib/contract/errors";
import { BYTES_PER_KB } from "@/lib/model/kb";
import { ErrorMessage } from "../../../components/error-message";
import { useI18n } from "../../../lib/i18n";
import "../../../compact-tables.css";

interface ExportFile {
  event: EventView;
  candidates: (CandidateSummary & { answers: AnswerDetail[]; submissions: SubmissionDetail[] })[];
}

/**
 * One report per candidate from the JSON export (one request for the whole event). The print
 * stylesheet (events.css) starts each report on a new page, so the browser's "Save as PDF" gives
 * one page per candidate.
 */
export function CandidateReports({ eventId, only }: { eventId: string; only: string | null }) {
  const { t, locale, tTopic } = useI18n();
  const [file, setFile] = useState<ExportFile | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const response = await fetch(`/api/events/${eventId}/export?format=json`);
        if (!response.ok) {
          const body = (await response.json()) as { error: ErrorCode };
          return setError(body.error);
        }
        setFile((await response.json()) as ExportFile);
      } catch {
        setError("INTERNAL");
      }
    })();
  }, [eventId]);

  if (!file) {
    return (
      <main className="wide events-page">
        <ErrorMessage code={error} />
        {!error && <p aria-busy="true">{t("events.loading")}</p>}
      </main>
    );
  }
  const shown = only ? file.candidates.filter((c) => c.id === only) : file.candidates;
  const prompt = (a: AnswerDetail) =>
    (locale === "zh" ? a.prompt.zh : a.prompt.en) ?? a.prompt.en ?? a.prompt.zh ?? "";

  return (
    <main className="wide events-page reports">
      <div className="no-print event-actions">
        <Link href={`/events/${eventId}`}>{t("events.backToEvent")}</Link>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t("events.print")}
        </button>
      </div>
      {shown.map((c) => (
        <article key={c.id} className="candidate-report" data-testid="candidate-report">
          <header>
            <p className="muted">{file.event.name}</p>
            <h1>{c.name}</h1>
            <p>{c.email}</p>
          </header>
          <dl className="report-facts">
            <div>
              <dt>{t("events.col.rank")}</dt>
              <dd>{c.rank ?? "—"}</dd>
            </div>
            <div>
              <dt>{t("events.col.score")}</dt>
              <dd>{c.score}</dd>
            </div>
            <div>
              <dt>{t("events.col.correct")}</dt>
              <dd>{t("events.correctOf", { correct: c.correct, answered: c.answered })}</dd>
            </div>
            <div>
              <dt>{t("events.col.time")}</dt>
              <dd>{c.meanAnswerMs === null ? "—" : `${(c.meanAnswerMs / 1000).toFixed(1)} s`}</dd>
            </div>
          </dl>
          {c.topics.length > 0 && (
            <table className="results-table report-table compact-table">
              <caption>{t("events.byTopic")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("events.topic")}</th>
                  <th scope="col" className="num">
                    {t("events.col.score")}
                  </th>
                  <th scope="col" className="num">
                    {t("events.col.correct")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...c.topics]
                  .sort((a, b) => tTopic(a.topic).localeCompare(tTopic(b.topic), locale))
                  .map((x) => (
                    <tr key={x.topic}>
                      <th scope="row">{tTopic(x.topic)}</th>
                      <td className="num">{x.points}</td>
                      <td className="num">
                        {t("events.correctOf", { correct: x.correct, answered: x.answered })}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {c.answers.length > 0 && (
            <table className="results-table report-table compact-table">
              <caption>{t("events.answers")}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("events.question")}</th>
                  <th scope="col" className="num">
                    {t("events.col.score")}
                  </th>
                  <th scope="col" className="num">
                    {t("events.answerTime")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.answers.map((a) => (
                  <tr key={`${a.roomCode}-${a.questionIndex}`}>
                    <td>{a.questionIndex + 1}</td>
                    <td>
                      {prompt(a)}
                      <div className="cell-sub">
                        {tTopic(a.topic)} ·{" "}
                        {a.correctness === 1
                          ? t("events.right")
                          : a.correctness > 0
                            ? t("events.partly")
                            : t("events.wrong")}
                      </div>
                    </td>
                    <td className="num">{a.points}</td>
                    <td className="num">{(a.elapsedMs / 1000).toFixed(1)} s</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.submissions.length > 0 && (
            <table className="results-table report-table compact-table">
              <caption>{t("events.models")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("events.col.model")}</th>
                  <th scope="col" className="num">
                    {t("events.sizeKb")}
                  </th>
                  <th scope="col" className="num">
                    {t("events.publicAcc")}
                  </th>
                  <th scope="col" className="num">
                    {t("events.privateAcc")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.submissions.map((s, i) => (
                  <tr key={i}>
                    <td>
                      {s.summary}
                      {s.final && <div className="cell-sub">{t("events.finalModel")}</div>}
                    </td>
                    <td className="num">{(s.sizeBytes / BYTES_PER_KB).toFixed(1)}</td>
                    <td className="num">{pct(s.publicAccuracy)}</td>
                    <td className="num">{pct(s.privateAccuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </main>
  );
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
