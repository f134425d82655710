"use client";

import type { CSSProperties } from "react";
import type { DistributionBucket, PublicQuestion } from "@/lib/contract/views";
import { FALSE_SHAPE, TRUE_SHAPE, optionLetter, optionShape } from "../lib/answer-display";
import { useI18n, type I18n } from "../lib/i18n";
import "./distribution-chart.css";

/**
 * How the room answered, one bar per option (or per outcome for ordering/numeric/text). The
 * correct bar is told apart three ways: its colour, a hatched pattern and a check mark in its
 * label. Plain boxes sized in CSS: a chart library (recharts, ~110 KB gzip) for a handful of bars
 * was most of the host's JavaScript at the reveal.
 */

interface Datum {
  key: string;
  label: string;
  count: number;
  correct: boolean;
  colour: string;
}

const OUTCOME_COLOURS: Record<string, string> = {
  correct: "var(--ok)",
  partial: "var(--partial)",
  wrong: "var(--bad)",
};

function bucketLabel(bucket: DistributionBucket, t: I18n["t"]): { label: string; colour: string } {
  if (/^\d$/.test(bucket.key)) {
    const i = Number(bucket.key);
    return { label: `${optionShape(i)} ${optionLetter(i)}`, colour: `var(--opt-${i})` };
  }
  if (bucket.key === "true")
    return { label: `${TRUE_SHAPE} ${t("true")}`, colour: "var(--tf-true)" };
  if (bucket.key === "false")
    return { label: `${FALSE_SHAPE} ${t("false")}`, colour: "var(--tf-false)" };
  const outcome =
    bucket.key === "correct" || bucket.key === "partial" || bucket.key === "wrong"
      ? bucket.key
      : null;
  return {
    label: outcome ? t(`outcome.${outcome}`) : bucket.key,
    colour: OUTCOME_COLOURS[bucket.key] ?? "var(--muted)",
  };
}

export interface DistributionChartProps {
  question: PublicQuestion;
  distribution: DistributionBucket[];
}

export default function DistributionChart({ distribution }: DistributionChartProps) {
  const { t } = useI18n();
  const data: Datum[] = distribution.map((bucket) => {
    const { label, colour } = bucketLabel(bucket, t);
    return {
      key: bucket.key,
      label: bucket.correct ? `${label} ✓` : label,
      count: bucket.count,
      correct: bucket.correct,
      colour,
    };
  });
  const summary = data
    .map((d) => `${d.label}: ${d.count}${d.correct ? ` (${t("correctAnswer")})` : ""}`)
    .join("; ");

  const max = Math.max(1, ...data.map((d) => d.count));

  return (
    <figure className="distribution-chart" data-testid="distribution-chart">
      <figcaption className="sr-only">{t("distributionSummary", { summary })}</figcaption>
      <div className="dist-plot" aria-hidden="true">
        {data.map((d) => (
          <div className="dist-column" key={d.key}>
            <div className="dist-area">
              <span className="dist-count">{d.count}</span>
              <span
                className={d.correct ? "dist-bar dist-bar-correct" : "dist-bar"}
                style={{ "--share": d.count / max, backgroundColor: d.colour } as CSSProperties}
              />
            </div>
            <span className="dist-label">{d.label}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
