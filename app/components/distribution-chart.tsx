"use client";

import { Bar, BarChart, LabelList, XAxis, YAxis, type BarShapeProps } from "recharts";
import type { DistributionBucket, PublicQuestion } from "@/lib/contract/views";
import { FALSE_SHAPE, TRUE_SHAPE, optionLetter, optionShape } from "../lib/answer-display";
import { useI18n, type I18n } from "../lib/i18n";

/**
 * How the room answered, one bar per option (or per outcome for ordering/numeric/text). Loaded
 * with next/dynamic on the host's reveal only, so recharts never reaches the phones. The correct
 * bar is told apart three ways: its colour, a hatched pattern and a check mark in its label.
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

function DistributionBar(props: BarShapeProps) {
  const { x, y, width, height, index } = props;
  const datum = props.payload as Datum | undefined;
  if (!datum || height <= 0) return <g />;
  const patternId = `kba-hatch-${index}`;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} rx={6} style={{ fill: datum.colour }} />
      {datum.correct && (
        <>
          <defs>
            <pattern
              id={patternId}
              width={12}
              height={12}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width={5} height={12} fill="rgba(255,255,255,0.45)" />
            </pattern>
          </defs>
          <rect x={x} y={y} width={width} height={height} rx={6} fill={`url(#${patternId})`} />
          <rect
            x={x + 1.5}
            y={y + 1.5}
            width={Math.max(0, width - 3)}
            height={Math.max(0, height - 3)}
            rx={5}
            fill="none"
            style={{ stroke: "var(--fg)" }}
            strokeWidth={3}
          />
        </>
      )}
    </g>
  );
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

  return (
    <figure className="distribution-chart" data-testid="distribution-chart">
      <figcaption className="sr-only">{t("distributionSummary", { summary })}</figcaption>
      <div aria-hidden="true">
        <BarChart
          data={data}
          responsive
          width="100%"
          height={260}
          margin={{ top: 28, right: 8, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <XAxis
            dataKey="label"
            tickLine={false}
            axisLine={{ stroke: "currentColor" }}
            tick={{ fill: "currentColor", fontSize: 18, fontWeight: 700 }}
            interval={0}
          />
          <YAxis hide allowDecimals={false} domain={[0, (max: number) => Math.max(1, max)]} />
          <Bar dataKey="count" shape={DistributionBar} isAnimationActive={false} maxBarSize={120}>
            <LabelList
              dataKey="count"
              position="top"
              fill="currentColor"
              fontSize={22}
              fontWeight={700}
            />
          </Bar>
        </BarChart>
      </div>
    </figure>
  );
}
