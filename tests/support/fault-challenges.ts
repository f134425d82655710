import { encode } from "next-auth/jwt";
import type { StartedAttempt } from "@/lib/contract/challenges";
import type { Answer, Question } from "@/lib/questions/schema";
import { QuestionSetDraftSchema, type SetQuestionInput } from "@/lib/question-sets/schema";
import { createPrismaRepositories } from "@/server/repositories";
import type { FaultDatabase } from "./fault-game";
import { TEST_SECRET } from "./realtime-harness";
import { draftInput } from "./set-drafts";

/**
 * Self-paced challenges on real server processes (the fault tests): accounts with session
 * cookies, a five-question set, and the challenges API over HTTP, as the app's pages call it.
 */

const t = (en: string) => ({ en, zh: `中文 ${en}` });

/** Five quick questions, single choice and true/false in turn. */
const FIVE: SetQuestionInput[] = Array.from({ length: 5 }, (_, i) =>
  i % 2 === 0
    ? {
        id: `q${i}`,
        type: "single",
        topic: "training",
        difficulty: 1,
        prompt: t(`Question ${i + 1}?`),
        options: [t("A"), t("B"), t("C")],
        correct: i % 3,
        explanation: t("Because."),
      }
    : {
        id: `q${i}`,
        type: "truefalse",
        topic: "training",
        difficulty: 1,
        prompt: t(`Statement ${i + 1}.`),
        correct: i % 4 === 1,
        explanation: t("Because."),
      },
);

export interface Account {
  id: string;
  name: string;
  cookie: string;
}

export async function challengeFixture(database: FaultDatabase) {
  const repos = createPrismaRepositories(database.db.prisma);
  let made = 0;
  const account = async (name: string, role: "HOST" | "PLAYER" = "PLAYER"): Promise<Account> => {
    const unique = `${name}${++made}x${Date.now() % 1_000_000}`;
    const user = await repos.users.create({
      email: `${unique.toLowerCase()}@example.test`,
      name: unique,
      passwordHash: "not-used-here",
      role,
    });
    const token = await encode({
      token: { sub: user.id, name: user.name, email: user.email },
      secret: TEST_SECRET,
    });
    return { id: user.id, name: user.name, cookie: `next-auth.session-token=${token}` };
  };
  const host = await account("Host", "HOST");
  const set = await repos.questionSets.create(
    host.id,
    QuestionSetDraftSchema.parse(draftInput({ title: t("Five"), questions: FIVE })),
  );

  async function api<T>(url: string, path: string, cookie: string, body?: unknown) {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      json: (await res.json()) as { ok: true; data: T } | { ok: false; error: string },
    };
  }

  return {
    repos,
    host,
    account,
    /** A challenge of the five questions, `timePerQuestionSec` each, open for an hour. */
    async createChallenge(url: string, timePerQuestionSec: number): Promise<string> {
      const created = await api<{ id: string }>(url, "/api/challenges", host.cookie, {
        title: "Resumable",
        selection: { setIds: [set.id] },
        timePerQuestionSec,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      });
      if (!created.json.ok) throw new Error(`challenge not created: ${created.json.error}`);
      return created.json.data.id;
    },
    /** POST /api/challenges/:id/attempt: start, or go back to, the caller's one attempt. */
    startAttempt: (url: string, id: string, player: Account) =>
      api<StartedAttempt>(url, `/api/challenges/${id}/attempt`, player.cookie),
    /** The challenge's frozen questions, as every attempt plays them. */
    async questions(id: string): Promise<Question[]> {
      const challenge = await repos.challenges.get(id);
      if (!challenge) throw new Error("no such challenge");
      return challenge.questions.map((q) => q.question);
    },
  };
}

export function rightAnswer(question: Question): Answer {
  if (question.type === "single") return { type: "single", choice: question.correct };
  if (question.type === "truefalse") return { type: "truefalse", value: question.correct };
  throw new Error(`unexpected ${question.type}`);
}
