"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { YAxisTickContentProps } from "recharts";
import type { DashboardView } from "@/lib/contract/event-api";
import { scoreDistribution } from "@/lib/events/dashboard";
import { useI18n } from "../../lib/i18n";

/** About how wide a label draws at 12 px: a Han character takes a full em, Latin about 0.6. */
const labelPx = (text: string) =>
  [...text].reduce((px, ch) => px + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 7), 0);

/** The topic axis's widest label area; a longer label (a host's own long tag) is shortened. */
const MAX_LABEL_PX = 140;
const TICK_GAP_PX = 8;

function shorten(text: string): string {
  if (labelPx(text) <= MAX_LABEL_PX) return text;
  let cut = [...text];
  while (cut.length > 1 && labelPx(`${cut.join("")}…`) > MAX_LABEL_PX) cut = cut.slice(0, -1);
  return `${cut.join("")}…`;
}

/**
 * One topic on the axis, on one line. recharts' own tick breaks a label at its spaces when it
 * guesses it too wide ("Large / models" in tiny type); this one never wraps, and a shortened
 * label keeps its full text as a tooltip.
 */
function TopicTick({ x, y, payload }: YAxisTickContentProps) {
  const text = String(payload.value ?? "");
  const shown = shorten(text);
  return (
    <text x={Number(x) - 2} y={y} dy={4} textAnchor="end" fontSize={12} fill="var(--muted)">
      {shown !== text ? <title>{text}</title> : null}
      {shown}
    </text>
  );
}

/**
 * Two charts an organiser reads at a glance: how scores spread over the candidates who played, and
 * the mean points per topic (where the group is strong or weak). Loaded with next/dynamic.
 */
export default function EventCharts({ dashboard }: { dashboard: DashboardView }) {
  const { t, tTopic, locale } = useI18n();
  const buckets = scoreDistribution(dashboard.candidates).map((b) => ({
    range: `${b.from}–${b.to}`,
    count: b.count,
  }));
  const played = dashboard.candidates.filter((c) => c.rank !== null);
  const topics = dashboard.topics
    .map((topic) => {
      const points = played.map((c) => c.topics.find((x) => x.topic === topic)?.points ?? 0);
      return {
        topic: tTopic(topic),
        mean: Math.round(points.reduce((a, b) => a + b, 0) / Math.max(1, points.length)),
      };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic, locale));
  // The topic axis fits its longest label on one line (shortened past MAX_LABEL_PX), so the
  // bars keep most of a phone's card. A bar's row stays readable however many topics there are.
  const axisWidth = Math.max(40, ...topics.map((x) => labelPx(shorten(x.topic)))) + TICK_GAP_PX + 6;
  const topicsHeight = Math.max(160, topics.length * 28 + 40);
  return (
    <div className="event-charts">
      <figure className="card" data-testid="score-distribution">
        <figcaption>{t("events.chartScores")}</figcaption>
        {/* Sized by its card (recharts' `responsive`), not scaled down with tiny text; drawn at
            once, since a screenshot or a printout mid-animation shows wrong bars. */}
        <BarChart responsive width="100%" height={220} data={buckets}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="range" fontSize={12} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip />
          <Bar
            dataKey="count"
            name={t("events.chartCandidates")}
            fill="var(--accent)"
            isAnimationActive={false}
          />
        </BarChart>
      </figure>
      <figure className="card" data-testid="topic-bars">
        <figcaption>{t("events.chartTopics")}</figcaption>
        <BarChart responsive width="100%" height={topicsHeight} data={topics} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="topic" width={axisWidth} tick={TopicTick} interval={0} />
          <Tooltip />
          <Bar
            dataKey="mean"
            name={t("events.chartMean")}
            fill="var(--accent-2, var(--accent))"
            isAnimationActive={false}
          />
        </BarChart>
      </figure>
    </div>
  );
}
