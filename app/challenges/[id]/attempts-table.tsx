"use client";

import { useEffect, useState } from "react";
import type { AttemptModel, ChallengeAttemptsView, OwnerAttempt } from "@/lib/contract/challenges";
import type { ErrorCode } from "@/lib/contract/errors";
import { formatKb } from "@/lib/model/kb";
import { ErrorMessage } from "../../components/error-message";
import { useI18n } from "../../lib/i18n";
import { eventApi } from "../../events/event-api";
import "../../compact-tables.css";

const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/**
 * Everyone's attempt at the challenge, for its owner (the page shows it only when the server said
 * isOwner; the API refuses anyone else all the same). Best rank first. On a phone the times, the
 * correct count and the model move under the participant's name (compact-tables.css).
 */
export function ChallengeAttempts({ id, shareLink }: { id: string; shareLink: string }) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<ChallengeAttemptsView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);

  useEffect(() => {
    void (async () => {
      const loaded = await eventApi<ChallengeAttemptsView>(`/api/challenges/${id}/attempts`);
      if (loaded.ok) setView(loaded.data);
      else setError(loaded.error);
    })();
  }, [id]);

  const when = (iso: string | null) =>
    iso === null
      ? "—"
      : new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
          dateStyle: "short",
          timeStyle: "short",
        });
  const modelText = (m: AttemptModel) =>
    m.final
      ? t("challenge.modelLine", {
          acc: percent(m.final.privateAccuracy),
          size: formatKb(m.final.sizeBytes),
          points: m.final.points ?? 0,
        })
      : m.submissions > 0
        ? t("challenge.modelPending", { n: m.submissions })
        : t("challenge.modelNone");
  const models = (a: OwnerAttempt) => a.models.map(modelText).join("; ");
  const correct = (a: OwnerAttempt) =>
    a.correctCount === null
      ? "—"
      : t("challenge.correctOf", { correct: a.correctCount, answered: a.answeredCount ?? 0 });

  if (!view) {
    return error ? <ErrorMessage code={error} /> : <p className="loading">{t("connecting")}</p>;
  }
  const coding = view.challenge.codingRoundCount > 0;
  return (
    <section aria-labelledby="challenge-attempts" data-testid="challenge-attempts">
      <h2 id="challenge-attempts">{t("challenge.attemptsTitle")}</h2>
      <p className="field-hint">{t("challenge.attemptsLead")}</p>
      {view.attempts.length === 0 ? (
        <p data-testid="challenge-attempts-none">
          {t("challenge.attemptsNone")} <code className="share-link">{shareLink}</code>
        </p>
      ) : (
        <table
          className="results-table compact-table challenge-table"
          data-testid="challenge-attempts-table"
        >
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("challenge.col.rank")}
              </th>
              <th scope="col">{t("challenge.col.participant")}</th>
              <th scope="col">{t("challenge.col.status")}</th>
              <th scope="col" className="num">
                {t("challenge.col.score")}
              </th>
              <th scope="col" className="num wide-only">
                {t("challenge.col.correct")}
              </th>
              <th scope="col" className="wide-only">
                {t("challenge.col.started")}
              </th>
              <th scope="col" className="wide-only">
                {t("challenge.col.finished")}
              </th>
              {coding && (
                <th scope="col" className="wide-only">
                  {t("challenge.col.model")}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {view.attempts.map((a) => (
              <tr key={a.id} data-testid="challenge-attempt-row" data-status={a.status}>
                <td className="num">{a.rank ?? "—"}</td>
                <th scope="row">
                  <span data-testid="challenge-attempt-name">{a.name}</span>
                  <div className="cell-sub phone-only">
                    {correct(a)} · {t("challenge.startedAt", { when: when(a.startedAt) })}
                    {a.finishedAt &&
                      ` · ${t("challenge.finishedAt", { when: when(a.finishedAt) })}`}
                  </div>
                  {coding && <div className="cell-sub phone-only">{models(a)}</div>}
                </th>
                <td className="nowrap" data-testid="challenge-attempt-status">
                  {t(`challenge.status.${a.status}`)}
                </td>
                <td className="num" data-testid="challenge-attempt-score">
                  {a.score ?? "—"}
                </td>
                <td className="num wide-only">{correct(a)}</td>
                <td className="wide-only">{when(a.startedAt)}</td>
                <td className="wide-only">{when(a.finishedAt)}</td>
                {coding && <td className="wide-only">{models(a)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
