import type { GameResult } from "./load-game";
import { fmt, formatTally, table, type Summary } from "./stats";

export type Backend = "pglite" | "postgres";

/** One product run and the bare run that followed it with the product's frames. */
export interface PairedRun {
  backend: Backend;
  players: number;
  nodes: number;
  /** What the two-node run found about the product's multi-node support. */
  nodeNote?: string;
  /** Which of the games played on the same server processes: the first starts cold. */
  game: { index: number; of: number };
  loadAverage1m: { product: number; bare: number };
  product: GameResult | { error: string };
  bare: GameResult | { error: string };
}

export interface Goal {
  goal: string;
  value: string;
  pass: boolean;
}

const ratio = (p: number, b: number): number => p / b;
const ms = (s: Summary): string => (s.count ? `${fmt(s.p99)} ms` : "n/a");
const summaryCells = (s: Summary): string =>
  s.count ? `${fmt(s.p50)} / ${fmt(s.p99)} / ${fmt(s.max)}` : "n/a";

/** The goals: liveness at every N (10,000 is the target), ratios and memory at 2,000. */
export function goals(run: PairedRun): Goal[] {
  const p = run.product;
  const b = run.bare;
  if ("error" in p) return [{ goal: "product run completes", value: p.error, pass: false }];
  const out: Goal[] = [
    {
      goal: "live: no dropped players, every ack within 1 s",
      value: p.status === "ok" ? "ok" : p.problems.join("; "),
      pass: p.status === "ok",
    },
    {
      goal: "server RSS per connected player < 60 KB",
      value: `${fmt(p.rssPerPlayerKb)} KB`,
      pass: p.rssPerPlayerKb < 60,
    },
  ];
  if ("error" in b) return out;
  const r = (goal: string, pv: number, bv: number, max: number): Goal => ({
    goal,
    value: `${fmt(ratio(pv, bv), 2)}x`,
    pass: ratio(pv, bv) <= max,
  });
  out.push(
    r("answer ack p99 <= 2x bare", p.answerAckMs.p99, b.answerAckMs.p99, 2),
    r("question fan-out p99 <= 1.5x bare", p.questionFanoutMs.p99, b.questionFanoutMs.p99, 1.5),
    r("rank frame (reveal) fan-out p99 <= 1.5x bare", p.rankFanoutMs.p99, b.rankFanoutMs.p99, 1.5),
    r(
      "leaderboard fan-out p99 <= 1.5x bare",
      p.leaderboardFanoutMs.p99,
      b.leaderboardFanoutMs.p99,
      1.5,
    ),
    r("server CPU per question <= 2x bare", p.cpuPerQuestionMs, b.cpuPerQuestionMs, 2),
  );
  return out;
}

export function formatRun(run: PairedRun): string {
  const { index, of } = run.game;
  const which = of === 1 ? "" : `, game ${index} of ${of} (${index === 1 ? "cold start" : "warm"})`;
  const title = `${run.backend}, N=${run.players}, ${run.nodes} node${run.nodes > 1 ? "s" : ""}${which}`;
  const p = run.product;
  const b = run.bare;
  if ("error" in p) return `${title}: product run failed: ${p.error}`;
  const bare = "error" in b ? null : b;
  const row = (
    name: string,
    f: (g: GameResult) => string,
    n?: (g: GameResult) => number,
  ): string[] => [
    name,
    f(p),
    bare ? f(bare) : "n/a",
    bare && n ? `${fmt(ratio(n(p), n(bare)), 2)}x` : "",
  ];
  const lines = table(
    [title, "product", "bare", "product/bare"],
    [
      row("load average (1 min) at start", (g) =>
        fmt(g === p ? run.loadAverage1m.product : run.loadAverage1m.bare, 1),
      ),
      row("players joined", (g) => `${g.joined}/${g.players}`),
      row(
        "join: all players (wall)",
        (g) => `${fmt(g.joinWallMs)} ms`,
        (g) => g.joinWallMs,
      ),
      row(
        "join ack p50 / p99 / max (ms)",
        (g) => summaryCells(g.joinAckMs),
        (g) => g.joinAckMs.p99,
      ),
      row(
        "answer ack p50 / p99 / max (ms)",
        (g) => summaryCells(g.answerAckMs),
        (g) => g.answerAckMs.p99,
      ),
      row(
        "question fan-out p50 / p99 / max",
        (g) => summaryCells(g.questionFanoutMs),
        (g) => g.questionFanoutMs.p99,
      ),
      row(
        "rank frame fan-out p50 / p99 / max",
        (g) => summaryCells(g.rankFanoutMs),
        (g) => g.rankFanoutMs.p99,
      ),
      row(
        "leaderboard fan-out p50 / p99 / max",
        (g) => summaryCells(g.leaderboardFanoutMs),
        (g) => g.leaderboardFanoutMs.p99,
      ),
      row(
        "server CPU per question",
        (g) => `${fmt(g.cpuPerQuestionMs)} ms`,
        (g) => g.cpuPerQuestionMs,
      ),
      row("server CPU by question (ms)", (g) => g.cpuByQuestionMs.map((c) => fmt(c)).join(" ")),
      row(
        "frames per player per question",
        (g) => fmt(g.framesPerPlayerPerQuestion, 2),
        (g) => g.framesPerPlayerPerQuestion,
      ),
      row("frame bytes question / reveal / leaderboard", (g) =>
        ["question", "reveal", "leaderboard"]
          .map((k) => fmt(g.frameBytes[k] ?? Number.NaN, 0))
          .join(" / "),
      ),
      row(
        "server RSS idle → N joined",
        (g) => `${fmt(g.rssIdleMb)} → ${fmt(g.rssJoinedMb)} MB`,
        (g) => g.rssJoinedMb,
      ),
      row(
        "server RSS per joined player",
        (g) => `${fmt(g.rssPerPlayerKb)} KB`,
        (g) => g.rssPerPlayerKb,
      ),
      row(
        "peak server RSS",
        (g) => `${fmt(g.peakRssMb)} MB`,
        (g) => g.peakRssMb,
      ),
      row("dropped / questions missed", (g) => `${g.dropped} / ${g.missedQuestions}`),
      row("join refusals", (g) => formatTally(g.joinErrors)),
      row("answer refusals", (g) => formatTally(g.answerErrors)),
      row("game (5 questions, wall)", (g) => `${fmt(g.gameMs / 1000)} s`),
      row("status", (g) => g.status),
    ],
  );
  const goalLines = goals(run).map((g) => `  [${g.pass ? "pass" : "FAIL"}] ${g.goal}: ${g.value}`);
  return [
    lines,
    ...(bare ? [] : [`bare run failed: ${"error" in b ? b.error : ""}`]),
    ...(run.nodeNote ? [`note: ${run.nodeNote}`] : []),
    `goals${run.players === 2000 ? "" : " (set for N=2,000; 10,000: liveness)"}:`,
    ...goalLines,
  ].join("\n");
}

export { ms };
