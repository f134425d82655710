import Papa from "papaparse";
import type { CandidateSummary, CodingSummary, TopicScore } from "../contract/event-api";

/**
 * The organiser's view of an event, assembled from stored rows (pure, so the rules are tested
 * without a database). A candidate's score is every quiz point (speed points and streak bonus)
 * plus the points of their final coding models, over all the event's rooms: the same points a
 * room's own leaderboard adds up. Ranks are shared on ties (1, 1, 3) as in a room, among the
 * candidates who have played; within a tie the earlier registration is listed first.
 */

export interface CandidateRow {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
}

export interface TopicRow {
  candidateId: string;
  topic: string;
  points: number;
  correct: number;
  answered: number;
  elapsedMs: number;
}

export interface SubmissionRow {
  candidateId: string;
  roomCode: string;
  questionIndex: number;
  variant: string;
  sizeBytes: number;
  parameters: number;
  summary: string;
  publicAccuracy: number | null;
  privateAccuracy: number | null;
  final: boolean;
  points: number | null;
  metTarget: boolean | null;
  roundClosed: boolean;
}

export function summariseCandidates(
  candidates: readonly CandidateRow[],
  topics: readonly TopicRow[],
  submissions: readonly SubmissionRow[],
): CandidateSummary[] {
  const topicsOf = groupBy(topics, (row) => row.candidateId);
  const submissionsOf = groupBy(submissions, (row) => row.candidateId);

  const summaries = candidates.map((candidate) => {
    const own = topicsOf.get(candidate.id) ?? [];
    const coding = codingSummaries(submissionsOf.get(candidate.id) ?? []);
    const quizPoints = sum(own, (row) => row.points);
    const codingPoints = sum(coding, (round) => round.final?.points ?? 0);
    const answered = sum(own, (row) => row.answered);
    const summary: CandidateSummary = {
      id: candidate.id,
      name: candidate.name,
      email: candidate.email,
      registeredAt: candidate.createdAt.toISOString(),
      rank: null,
      score: quizPoints + codingPoints,
      correct: sum(own, (row) => row.correct),
      answered,
      meanAnswerMs: answered > 0 ? Math.round(sum(own, (row) => row.elapsedMs) / answered) : null,
      topics: own
        .map((row): TopicScore => ({
          topic: row.topic,
          points: row.points,
          correct: row.correct,
          answered: row.answered,
        }))
        .sort((a, b) => a.topic.localeCompare(b.topic)),
      coding,
    };
    return summary;
  });

  const played = summaries
    .filter((s) => s.answered > 0 || s.coding.length > 0)
    .sort((a, b) => b.score - a.score || a.registeredAt.localeCompare(b.registeredAt));
  played.forEach((row, i) => {
    const previous = played[i - 1];
    row.rank = previous && previous.score === row.score ? previous.rank : i + 1;
  });
  return summaries.sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.registeredAt.localeCompare(b.registeredAt),
  );
}

/** One entry per coding round a candidate submitted in; private accuracy only once it closed. */
function codingSummaries(rows: readonly SubmissionRow[]): CodingSummary[] {
  const rounds = groupBy(rows, (row) => `${row.roomCode}:${row.questionIndex}`);
  return [...rounds.values()].map((round) => {
    const first = round[0]!;
    const final = round.find((row) => row.final && row.roundClosed) ?? null;
    return {
      roomCode: first.roomCode,
      variant: first.variant,
      submissions: round.length,
      final: final && {
        sizeBytes: final.sizeBytes,
        parameters: final.parameters,
        publicAccuracy: final.publicAccuracy,
        privateAccuracy: final.privateAccuracy,
        points: final.points,
        metTarget: final.metTarget,
        summary: final.summary,
      },
    };
  });
}

/** Every topic any candidate answered, sorted: the dashboard's and the CSV's topic columns. */
export function topicsOf(summaries: readonly CandidateSummary[]): string[] {
  return [...new Set(summaries.flatMap((s) => s.topics.map((t) => t.topic)))].sort();
}

/**
 * The CSV an organiser downloads: one row per candidate, a column per topic, the best final model
 * of their coding rounds. Papaparse writes it; `escapeFormulae` prefixes a cell that a
 * spreadsheet would run (=, +, -, @, tab, CR) with an apostrophe, so a candidate named
 * `=HYPERLINK(...)` stays text. A UTF-8 BOM makes Excel read Chinese names right.
 */
export function dashboardCsv(summaries: readonly CandidateSummary[]): string {
  const topics = topicsOf(summaries);
  const fields = [
    "rank",
    "name",
    "email",
    "registered_at",
    "score",
    "correct",
    "answered",
    "mean_answer_ms",
    ...topics.map((topic) => `topic_points:${topic}`),
    "coding_rounds",
    "best_model_bytes",
    "best_model_public_accuracy",
    "best_model_private_accuracy",
    "best_model_points",
    "best_model_summary",
  ];
  const data = summaries.map((s) => {
    const best = bestFinal(s.coding);
    const byTopic = new Map(s.topics.map((t) => [t.topic, t.points]));
    return [
      s.rank ?? "",
      s.name,
      s.email,
      s.registeredAt,
      s.score,
      s.correct,
      s.answered,
      s.meanAnswerMs ?? "",
      ...topics.map((topic) => byTopic.get(topic) ?? 0),
      s.coding.length,
      best?.sizeBytes ?? "",
      best?.publicAccuracy ?? "",
      best?.privateAccuracy ?? "",
      best?.points ?? "",
      best?.summary ?? "",
    ];
  });
  return `\uFEFF${Papa.unparse({ fields, data }, { newline: "\r\n", escapeFormulae: true })}\r\n`;
}

function bestFinal(coding: readonly CodingSummary[]): CodingSummary["final"] {
  let best: CodingSummary["final"] = null;
  for (const round of coding) {
    if (round.final && (best === null || (round.final.points ?? 0) > (best.points ?? 0))) {
      best = round.final;
    }
  }
  return best;
}

/** Buckets of width `step` for the score distribution chart: [from, count] in order. */
export function scoreDistribution(
  summaries: readonly CandidateSummary[],
  buckets = 10,
): { from: number; to: number; count: number }[] {
  const scores = summaries.filter((s) => s.rank !== null).map((s) => s.score);
  if (scores.length === 0) return [];
  const max = Math.max(...scores);
  const step = Math.max(1, Math.ceil((max + 1) / buckets));
  const out = Array.from({ length: Math.ceil((max + 1) / step) }, (_, i) => ({
    from: i * step,
    to: (i + 1) * step - 1,
    count: 0,
  }));
  for (const score of scores) out[Math.floor(score / step)]!.count += 1;
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function sum<T>(rows: readonly T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + value(row), 0);
}
