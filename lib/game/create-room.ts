import type { RoomSettings } from "../contract/schemas";
import type { Question } from "../questions/schema";
import type { CodingRound } from "../coding/round";
import { emptyKeyedMap, type HashSeed } from "./keyed-map";
import { newTeams } from "./teams";
import type { CodingBaseline, RoomQuestion, RoomState } from "./types";

export interface CreateRoomInput {
  roomId: string;
  code: string;
  hostUserId: string;
  settings: RoomSettings;
  /** In play order. */
  questions: { id: string; question: Question }[];
  now: number;
  /** Uniform in [0, 1), injected so a room is reproducible in tests. */
  random: () => number;
  /**
   * Keys the hash of the room's maps (keyed-map.ts). Must be secret and unpredictable in
   * production (the server draws it from its CSPRNG per room), or players could pick nicknames
   * that all land in one slot; tests may pass any fixed pair.
   */
  hashSeed: HashSeed;
  /** Coding rounds to place between the questions (lib/coding/round.ts). */
  codingRounds?: { afterQuestion: number; round: CodingRound }[];
  /** The "shrink" baseline's scores, when the server has them. */
  codingBaseline?: CodingBaseline | null;
}

/** A fresh room in the lobby. Ordering questions get their shuffled presentation here, once. */
export function createRoomState(input: CreateRoomInput): RoomState {
  const { settings } = input;
  const teams = newTeams(settings.teams);
  // The caller usually slices already; doing it again is harmless and keeps the setting honest.
  const inPlay =
    settings.questionCount === undefined
      ? input.questions
      : input.questions.slice(0, settings.questionCount);
  return {
    roomId: input.roomId,
    code: input.code,
    hostUserId: input.hostUserId,
    settings,
    locked: false,
    phase: "lobby",
    questions: withCodingRounds(
      inPlay.map(({ id, question }) => toRoomQuestion(id, question, input.random)),
      input.codingRounds ?? [],
    ),
    questionIndex: -1,
    questionStartedAt: null,
    questionDeadline: null,
    players: emptyKeyedMap(input.hashSeed),
    kicked: [],
    answers: emptyKeyedMap(input.hashSeed),
    nicknames: emptyKeyedMap(input.hashSeed),
    counts: { players: 0, connected: 0, answeredConnected: 0 },
    coding: {},
    codingDrain: null,
    codingBaseline: input.codingBaseline ?? null,
    progressTickPending: false,
    createdAt: input.now,
    endedAt: null,
    ...(teams && { teams }),
  };
}

function toRoomQuestion(id: string, question: Question, random: () => number): RoomQuestion {
  switch (question.type) {
    case "ordering":
      return { id, question, presentation: shuffledNonIdentity(question.items.length, random) };
    case "single":
    case "multiple":
      return { id, question, presentation: identity(question.options.length) };
    case "truefalse":
    case "numeric":
    case "text":
      return { id, question, presentation: [] };
  }
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// Rejecting the identity (rather than using Sattolo's algorithm, which moves every item) keeps
// every other permutation possible, so players learn nothing from where an item is shown.
const SHUFFLE_ATTEMPTS = 8;

/** A permutation of 0..n-1 that is never the identity when n >= 2. */
export function shuffledNonIdentity(n: number, random: () => number): number[] {
  if (n < 2) return identity(n);
  for (let attempt = 0; attempt < SHUFFLE_ATTEMPTS; attempt++) {
    const order = fisherYates(identity(n), random);
    if (order.some((value, i) => value !== i)) return order;
  }
  // A degenerate `random` (e.g. always 0.999) keeps producing the identity: swap two items.
  const fallback = identity(n);
  [fallback[0], fallback[1]] = [1, 0];
  return fallback;
}

function fisherYates(values: number[], random: () => number): number[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    const a = out[i] as number;
    out[i] = out[j] as number;
    out[j] = a;
  }
  return out;
}

/** Coding rounds go after `afterQuestion` quiz questions, in the order given when positions tie. */
function withCodingRounds(
  quiz: RoomQuestion[],
  rounds: readonly { afterQuestion: number; round: CodingRound }[],
): RoomQuestion[] {
  const sequence: RoomQuestion[] = [];
  const place = (position: number) => {
    for (const { round } of rounds.filter(
      (r) => Math.min(r.afterQuestion, quiz.length) === position,
    )) {
      sequence.push({ id: round.id, question: round, presentation: [] });
    }
  };
  quiz.forEach((q, i) => {
    place(i);
    sequence.push(q);
  });
  place(quiz.length);
  return sequence;
}
