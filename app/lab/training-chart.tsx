"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "../lib/i18n";
import type { SeriesPoint } from "./use-lab-worker";

/** Loss and accuracy per reported batch, with the held-out accuracy after each epoch as dots. */
export function TrainingChart({ series }: { series: SeriesPoint[] }) {
  const { t } = useI18n();
  const last = series.at(-1);
  return (
    <figure className="lab-chart" data-testid="lab-chart">
      <figcaption className="sr-only">
        {last
          ? t("lab.chartSummary", {
              loss: last.loss.toFixed(3),
              accuracy: (last.accuracy * 100).toFixed(1),
            })
          : t("lab.chartEmpty")}
      </figcaption>
      <div aria-hidden="true">
        <LineChart
          data={series}
          responsive
          width="100%"
          height={200}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="step"
            type="number"
            domain={["dataMin", "dataMax"]}
            tick={{ fill: "currentColor", fontSize: 12 }}
          />
          <YAxis
            yAxisId="loss"
            tick={{ fill: "currentColor", fontSize: 12 }}
            width={40}
            domain={[0, "auto"]}
          />
          <YAxis
            yAxisId="acc"
            orientation="right"
            domain={[0, 1]}
            tick={{ fill: "currentColor", fontSize: 12 }}
            width={36}
          />
          <Tooltip
            isAnimationActive={false}
            formatter={(v) => (typeof v === "number" ? v.toFixed(3) : String(v))}
          />
          <Legend />
          <Line
            yAxisId="loss"
            dataKey="loss"
            name={t("lab.loss")}
            stroke="var(--opt-0)"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="acc"
            dataKey="accuracy"
            name={t("lab.batchAccuracy")}
            stroke="var(--opt-1)"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="acc"
            dataKey="validation"
            name={t("lab.validationAccuracy")}
            stroke="var(--opt-3)"
            strokeWidth={0}
            dot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </div>
    </figure>
  );
}
