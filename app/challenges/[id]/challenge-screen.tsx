"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { ChallengePageView } from "@/lib/contract/challenges";
import type { ErrorCode } from "@/lib/contract/errors";
import { ErrorMessage } from "../../components/error-message";
import { useI18n } from "../../lib/i18n";
import { saveToken } from "../../lib/player-session";
import { loadChallenge, startAttempt } from "../challenge-api";
import { ChallengeAttempts } from "./attempts-table";

/**
 * Title, size, time per question and the window in the reader's own time zone; Start opens the
 * player's one attempt (or goes back to it) in the same player screen as a live room; once it
 * is over, their own result. The server decides everything: this page only shows its answers.
 */
export function ChallengeScreen({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [page, setPage] = useState<ChallengePageView | null>(null);
  const [token, setToken] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { outcome, token: used } = await loadChallenge(id);
    if (outcome.ok) {
      setPage(outcome.data);
      setToken(used);
    } else setError(outcome.error);
  }, [id]);

  useEffect(() => {
    void (async () => {
      await load();
    })();
  }, [load]);

  async function start() {
    setBusy(true);
    setError(null);
    const started = await startAttempt(id, token);
    if (!started.ok) {
      setBusy(false);
      setError(started.error);
      return void load();
    }
    // The player screen resumes this seat with the token; the first question opens then.
    saveToken(started.data.attempt.roomCode, started.data.token);
    router.push(`/play/${started.data.attempt.roomCode}`);
  }

  if (!page) {
    return (
      <main className="narrow events-page">
        {error ? <ErrorMessage code={error} /> : <p className="loading">{t("connecting")}</p>}
      </main>
    );
  }
  const { challenge, attempt } = page;
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
    });
  const over = attempt?.status === "finished" || attempt?.status === "closed";
  const canStart = challenge.window === "open" && !over;
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  return (
    // The owner's page holds everyone's attempts: a table wants the wider column.
    <main
      className={`${page.isOwner ? "wide" : "narrow"} events-page`}
      data-testid="challenge-page"
    >
      <h1 data-testid="challenge-title">{challenge.title}</h1>
      <dl className="card challenge-facts">
        <dt>{t("challenge.questions")}</dt>
        <dd data-testid="challenge-count">
          {challenge.questionCount}
          {challenge.codingRoundCount > 0 &&
            ` + ${t("challenge.codingRounds", { n: challenge.codingRoundCount })}`}
        </dd>
        <dt>{t("challenge.timePerQuestion")}</dt>
        <dd>{t("challenge.seconds", { n: challenge.timePerQuestionSec })}</dd>
        <dt>{t("challenge.opens")}</dt>
        <dd>{when(challenge.opensAt)}</dd>
        <dt>{t("challenge.deadline")}</dt>
        <dd data-testid="challenge-deadline">{when(challenge.deadline)}</dd>
      </dl>
      {page.isOwner && (
        <ChallengeAttempts id={challenge.id} shareLink={`${origin}/challenges/${challenge.id}`} />
      )}
      <ErrorMessage code={error} />
      {over && attempt?.result ? (
        <section className="card" data-testid="challenge-result">
          <h2>{t("challenge.yourResult")}</h2>
          <p>
            {t("challenge.resultLine", {
              score: attempt.result.score,
              correct: attempt.result.correctCount,
              answered: attempt.result.answeredCount,
              total: challenge.questionCount + challenge.codingRoundCount,
            })}
          </p>
        </section>
      ) : over ? (
        <p className="card">{t("challenge.noResult")}</p>
      ) : null}
      {!over && challenge.window === "not-open" && <p>{t("challenge.notOpen")}</p>}
      {!over && challenge.window === "closed" && <p>{t("challenge.closed")}</p>}
      {canStart && (
        <>
          <p className="field-hint">{t("challenge.rules")}</p>
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void start()}
            data-testid="challenge-start"
          >
            {attempt ? t("challenge.resume") : t("challenge.start")}
          </button>
        </>
      )}
      {error === "UNAUTHENTICATED" && (
        <p>
          <Link href={`/signin?callbackUrl=/challenges/${id}`}>{t("signIn")}</Link>
        </p>
      )}
    </main>
  );
}
