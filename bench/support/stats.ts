/** Order statistics for latency samples, and a plain-text table for the terminal. */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles: every reported figure is a latency that was actually observed. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    Number.NaN;
  return {
    count: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function formatSummary(s: Summary, unit = "ms"): string {
  if (s.count === 0) return "n/a";
  return `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.max)} ${unit}`;
}

export function fmt(value: number, digits = value < 10 ? 1 : 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}

/** Counts of refusal codes (or error messages), e.g. `{ ANSWER_TOO_LATE: 3 }`. */
export function tally(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

export function formatTally(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? "none" : entries.map(([k, n]) => `${k} ×${n}`).join(", ");
}

/** Left-aligned first column, right-aligned figures. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
