"use client";

import type { PlayerView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";

/**
 * The player's own outcome at the reveal. The verdict is spelled out and has its own symbol, so
 * the green/red background is never the only signal.
 */
export function MyResult({
  me,
  questionIndex,
  streakBonusOn,
}: {
  me: PlayerView;
  questionIndex: number;
  streakBonusOn: boolean;
}) {
  const { t } = useI18n();
  const result = me.lastResult?.questionIndex === questionIndex ? me.lastResult : null;
  const verdict =
    !result || !result.answered
      ? "none"
      : result.correct
        ? "correct"
        : result.correctness > 0
          ? "partial"
          : "wrong";
  const symbol = { correct: "✔", partial: "◐", wrong: "✖", none: "?" }[verdict];

  return (
    <section
      className={`my-result my-result-${verdict}`}
      data-testid="my-result"
      data-verdict={verdict}
      role="status"
    >
      <p className="my-result-symbol" aria-hidden="true">
        {symbol}
      </p>
      <h1 className="my-result-verdict">{t(`verdict.${verdict}`)}</h1>
      <p className="my-result-points">{t("pointsGained", { n: result?.points ?? 0 })}</p>
      {streakBonusOn && result && result.streakBonus > 0 && (
        <p className="my-result-streak">
          <span aria-hidden="true">⚡ </span>
          {t("streakBonusGained", { n: result.streakBonus, streak: me.streak })}
        </p>
      )}
    </section>
  );
}
