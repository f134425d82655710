"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { DashboardView } from "@/lib/contract/event-api";
import { scoreDistribution } from "@/lib/events/dashboard";
import { useI18n } from "../../lib/i18n";

/** About how wide a label draws at 12 px: a Han character takes a full em, Latin about 0.6. */
const labelPx = (text: string) =>
  [...text].reduce((px, ch) => px + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 7), 0);

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
  // The topic axis fits its longest label on one line, up to 150 px (a long tag of a host's own
  // set wraps there), so the bars keep most of a phone's card. A bar's row stays readable
  // however many topics there are.
  const axisWidth = Math.min(150, Math.max(60, ...topics.map((x) => labelPx(x.topic) + 24)));
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
          <YAxis type="category" dataKey="topic" width={axisWidth} fontSize={12} />
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
