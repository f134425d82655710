"use client";

import type { LastResultView, PlayerView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";

type Verdict = "correct" | "partial" | "wrong" | "none" | "aboveFloor" | "belowFloor" | "tooLarge";

/** The colour and symbol a verdict shares with its quiz counterpart. */
const TONE: Record<Verdict, "correct" | "partial" | "wrong" | "none"> = {
  correct: "correct",
  partial: "partial",
  wrong: "wrong",
  none: "none",
  aboveFloor: "correct",
  belowFloor: "wrong",
  tooLarge: "wrong",
};

/** A coding round is not right or wrong: its verdict names the round's task (floor, size). */
function verdictOf(result: LastResultView | null): Verdict {
  if (!result || !result.answered) return "none";
  switch (result.codingOutcome) {
    case "above-floor":
      return "aboveFloor";
    case "below-floor":
      return "belowFloor";
    case "too-large":
      return "tooLarge";
    case null:
      return result.correct ? "correct" : result.correctness > 0 ? "partial" : "wrong";
  }
}

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
  const verdict = verdictOf(result);
  const tone = TONE[verdict];
  const symbol = { correct: "✔", partial: "◐", wrong: "✖", none: "?" }[tone];

  return (
    <section
      className={`my-result my-result-${tone}`}
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
