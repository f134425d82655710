"use client";

import {
  CartesianGrid,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import { paretoFront } from "@/lib/model/scoring";
import { BYTES_PER_KB } from "@/lib/model/kb";
import { useI18n } from "../lib/i18n";

/**
 * Size against accuracy, one dot per model, with the Pareto front (no other model is both smaller
 * and at least as accurate) drawn as a line: the host's board and the player's versions use it.
 * Loaded with next/dynamic so recharts only reaches screens that show it. Size is on a log axis:
 * a 2 KB and a 95 KB model both need to be readable.
 */

export interface ParetoPoint {
  id: string;
  label: string;
  bytes: number;
  accuracy: number;
  /** Drawn larger and outlined: the player's chosen version, or a highlighted row. */
  selected?: boolean;
}

interface Datum extends ParetoPoint {
  kb: number;
  /** log10 of the size in KB: the axis is linear in this (recharts' own log scale mislabels ticks). */
  logKb: number;
  percent: number;
}

export default function CodingParetoChart({
  points,
  floor,
  height = 260,
}: {
  points: ParetoPoint[];
  floor?: number;
  height?: number;
}) {
  const { t } = useI18n();
  const data: Datum[] = points.map((p) => {
    const kb = p.bytes / BYTES_PER_KB;
    return { ...p, kb, logKb: Math.log10(kb), percent: p.accuracy * 100 };
  });
  const front = paretoFront(data);
  const frontIds = new Set(front.map((d) => d.id));
  const others = data.filter((d) => !frontIds.has(d.id));
  // A log axis (log10 of KB on a linear axis) padded by a third on each side (no dot sits on an edge), ticked at 1-2-5 steps.
  const kbs = data.map((d) => d.kb);
  const lo = Math.min(...kbs) / 1.35;
  const hi = Math.max(...kbs) * 1.35;
  const ticks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]
    .filter((v) => v >= lo && v <= hi)
    .map(Math.log10);
  const percents = data
    .map((d) => d.percent)
    .concat(floor !== undefined && floor > 0 ? [floor * 100] : []);
  const bottom = Math.max(0, Math.floor(Math.min(...percents) - 2));
  const sizeName = t("codingBoard.size");
  const summary = front
    .map((d) => `${d.label}: ${d.kb.toFixed(2)} KB, ${d.percent.toFixed(1)}%`)
    .join("; ");
  return (
    <figure className="pareto-chart" data-testid="pareto-chart">
      <figcaption className="sr-only">
        {t("pareto.summary", { summary: summary || "—" })}
      </figcaption>
      <div aria-hidden="true">
        <ScatterChart
          responsive
          width="100%"
          height={height}
          margin={{ top: 12, right: 16, bottom: 24, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="logKb"
            name={sizeName}
            type="number"
            domain={[Math.log10(lo), Math.log10(hi)]}
            ticks={ticks}
            interval={0}
            tick={{ fill: "currentColor", fontSize: 12 }}
            tickFormatter={(v: number) => String(Number((10 ** v).toPrecision(2)))}
            label={{
              value: t("pareto.sizeAxis"),
              position: "insideBottom",
              offset: -14,
              fill: "currentColor",
              fontSize: 12,
            }}
          />
          <YAxis
            dataKey="percent"
            name={t("pareto.accuracy")}
            type="number"
            domain={[bottom, 100]}
            tick={{ fill: "currentColor", fontSize: 12 }}
            width={44}
            tickFormatter={(v: number) => `${v}%`}
          />
          <ZAxis range={[60, 60]} />
          {floor !== undefined && floor > 0 && (
            <ReferenceLine
              y={floor * 100}
              stroke="var(--bad)"
              strokeDasharray="6 4"
              label={{
                value: t("pareto.floor"),
                fill: "var(--bad)",
                fontSize: 12,
                position: "insideTopLeft",
              }}
            />
          )}
          <Tooltip
            isAnimationActive={false}
            formatter={(value, name) =>
              typeof value !== "number"
                ? String(value)
                : name === sizeName
                  ? `${(10 ** value).toFixed(2)} KB`
                  : `${value.toFixed(1)}%`
            }
            labelFormatter={() => ""}
          />
          <Scatter
            name={t("pareto.others")}
            data={others}
            fill="var(--muted)"
            isAnimationActive={false}
          />
          <Scatter
            name={t("pareto.front")}
            data={front}
            fill="var(--accent)"
            line={{ stroke: "var(--accent)", strokeWidth: 2 }}
            isAnimationActive={false}
          />
          <Scatter
            name={t("pareto.selected")}
            data={data.filter((d) => d.selected)}
            fill="none"
            stroke="var(--focus)"
            strokeWidth={3}
            isAnimationActive={false}
          />
        </ScatterChart>
      </div>
    </figure>
  );
}
