"use client";

import { useEffect, useState } from "react";
import type { CandidateSelfView } from "@/lib/contract/event-api";
import type { ErrorCode } from "@/lib/contract/errors";
import { ErrorMessage } from "../../../components/error-message";
import { loadCandidate } from "../../../lib/candidate-session";
import { useI18n } from "../../../lib/i18n";
import { eventApi } from "../../event-api";

/** What the organiser lets a candidate see: nothing but thanks, their results, or the board too. */
export function CandidateResults({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<CandidateSelfView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);

  useEffect(() => {
    void (async () => {
      const session = loadCandidate(eventId);
      const result = session
        ? await eventApi<CandidateSelfView>(`/api/events/${eventId}/me`, { token: session.token })
        : ({ ok: false, error: "NOT_A_CANDIDATE" } as const);
      if (result.ok) setView(result.data);
      else setError(result.error);
    })();
  }, [eventId]);

  if (!view) {
    return (
      <main className="events-page">
        <ErrorMessage code={error} />
        {!error && <p aria-busy="true">{t("events.loading")}</p>}
      </main>
    );
  }
  const me = view.me?.candidate;
  return (
    <main className="events-page">
      <p className="muted">{view.event.name}</p>
      <h1>{t("events.myResults")}</h1>
      {view.afterwards === "NOTHING" && <p data-testid="thanks">{t("events.thanks")}</p>}
      {me && (
        <dl className="report-facts" data-testid="my-event-result">
          <div>
            <dt>{t("events.col.rank")}</dt>
            <dd>{me.rank ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("events.col.score")}</dt>
            <dd>{me.score}</dd>
          </div>
          <div>
            <dt>{t("events.col.correct")}</dt>
            <dd>{t("events.correctOf", { correct: me.correct, answered: me.answered })}</dd>
          </div>
        </dl>
      )}
      {view.board && (
        <table className="results-table">
          <caption>{t("events.board")}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("events.col.rank")}
              </th>
              <th scope="col">{t("events.col.candidate")}</th>
              <th scope="col" className="num">
                {t("events.col.score")}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.board.map((row, i) => (
              <tr
                key={i}
                aria-current={
                  me && row.name === me.name && row.rank === me.rank ? "true" : undefined
                }
              >
                <td className="num">{row.rank}</td>
                <td>{row.name}</td>
                <td className="num">{row.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
