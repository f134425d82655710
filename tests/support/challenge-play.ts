import { expect } from "vitest";
import type { StartedAttempt } from "@/lib/contract/challenges";
import type { Answer, Question } from "@/lib/questions/schema";
import type { Database } from "@/server/db/client";
import type { Repositories } from "@/server/repositories/types";
import { next, request, type Client } from "./realtime-harness";

/**
 * Self-paced challenges driven as a browser would: the HTTP API with a session cookie or a
 * candidate token, then the attempt's room over a real Socket.IO client. For the realtime harness
 * and the HTTP app alike.
 */
export interface ChallengeApp {
  url: string;
  db: Database;
  repos: Repositories;
  client(opts?: { cookie?: string }): Promise<Client>;
}

export type ApiReply<T> = {
  status: number;
  json: { ok: true; data: T } | { ok: false; error: string };
};

export const HOUR_MS = 3_600_000;

/**
 * The self-paced reveal the challenge tests run with (SELF_PACED_REVEAL_MS; 4 s in production,
 * which the browser journeys keep): the room still moves on by itself after each reveal, only
 * sooner. Long enough for a test to act during a reveal (a late answer) on a busy 2-core machine.
 */
export const TEST_REVEAL_MS = 1_000;

export async function challengeApi<T>(
  app: ChallengeApp,
  path: string,
  opts: { method?: string; cookie?: string; bearer?: string; body?: unknown } = {},
): Promise<ApiReply<T>> {
  const res = await fetch(`${app.url}${path}`, {
    method: opts.method ?? "GET",
    headers: {
      "content-type": "application/json",
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  return { status: res.status, json: (await res.json()) as never };
}

/** Two questions (single, then true/false) of the fixture set, in set order, 5 s each. */
export async function challengeBody(app: ChallengeApp, over: Record<string, unknown> = {}) {
  const set = await app.db.prisma.questionSet.findFirstOrThrow({
    where: { slug: "test-fixture" },
  });
  return {
    title: "Friday warm-up",
    selection: { setIds: [set.id], filter: { types: ["single", "truefalse"] } },
    timePerQuestionSec: 5,
    opensAt: new Date(Date.now() - HOUR_MS).toISOString(),
    deadline: new Date(Date.now() + HOUR_MS).toISOString(),
    ...over,
  };
}

export async function createChallenge(
  app: ChallengeApp,
  cookie: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const created = await challengeApi<{ id: string }>(app, "/api/challenges", {
    method: "POST",
    cookie,
    body: await challengeBody(app, over),
  });
  if (!created.json.ok) throw new Error(created.json.error);
  return created.json.data.id;
}

export function rightAnswer(question: Question): Answer {
  if (question.type === "single") return { type: "single", choice: question.correct };
  if (question.type === "truefalse") return { type: "truefalse", value: question.correct };
  throw new Error(`unexpected ${question.type}`);
}

/** Start (or resume) the caller's attempt and take its seat: the first question opens then. */
export async function startAndResume(
  app: ChallengeApp,
  id: string,
  auth: { cookie?: string; bearer?: string },
) {
  const started = await challengeApi<StartedAttempt>(app, `/api/challenges/${id}/attempt`, {
    method: "POST",
    ...auth,
  });
  if (!started.json.ok) throw new Error(started.json.error);
  const socket = await app.client(auth.cookie ? { cookie: auth.cookie } : {});
  const resumed = await request(socket, "room:resume", { token: started.json.data.token });
  if (!resumed.ok) throw new Error(resumed.error);
  return { started: started.json.data, socket, session: resumed.data };
}

/** Answers the quiz question at `index` right, once it is open. */
export async function answerRight(
  app: ChallengeApp,
  socket: Client,
  code: string,
  challengeId: string,
  index: number,
) {
  // Listening before the look-up: the question may open while it runs.
  const opened =
    index > 0
      ? next(socket, "room:update", (r) => r.phase === "question" && r.question?.index === index)
      : null;
  const { questions } = (await app.repos.challenges.get(challengeId))!;
  await opened;
  const answered = await request(socket, "round:answer", {
    code,
    questionIndex: index,
    answer: rightAnswer(questions[index]!.question),
  });
  expect(answered).toEqual({ ok: true, data: { questionIndex: index } });
}

/** Answers every question right, as each opens, until the podium. */
export async function playThrough(
  app: ChallengeApp,
  socket: Client,
  code: string,
  challengeId: string,
) {
  const { questions } = (await app.repos.challenges.get(challengeId))!;
  for (let i = 0; i < questions.length; i++) await answerRight(app, socket, code, challengeId, i);
  return next(socket, "room:update", (r) => r.phase === "podium", 12_000);
}
