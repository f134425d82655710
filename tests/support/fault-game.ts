import { encode } from "next-auth/jwt";
import { io as connect } from "socket.io-client";
import type { RoomUpdate } from "@/lib/contract/views";
import type { Answer } from "@/lib/questions/schema";
import { openDatabase, type Database } from "@/server/db/client";
import { seedBuiltInQuestionSets } from "@/server/db/seed";
import { createPrismaRepositories } from "@/server/repositories";
import { FIXTURE_SET } from "./fixture-set";
import { type Client, next, request, TEST_SECRET } from "./realtime-harness";
import { openRoom, type OpenRoom } from "./room-setup";
import { createTestDatabase } from "./test-database";

/**
 * The game side of the fault tests (tests/support/server-processes.ts starts the servers): a
 * fresh database with the fixture set and a host, Socket.IO clients on a node's URL, and a ledger
 * of acknowledged answers to hold the final results in Postgres against.
 */
export interface FaultDatabase {
  url: string;
  db: Database;
  hostCookie: string;
  close(): Promise<void>;
}

/** Migrated and seeded from the test process, so the servers started on it find a ready database. */
export async function prepareFaultDatabase(): Promise<FaultDatabase> {
  const testDb = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: testDb.url, dataDir: "memory://", log: () => {} });
  const repos = createPrismaRepositories(db.prisma, db.sql);
  await seedBuiltInQuestionSets(repos.questionSets, [FIXTURE_SET]);
  const email = `fault-host-${Date.now()}@example.test`;
  const user = await repos.users.create({
    email,
    name: "Host",
    passwordHash: "not-used-here",
    role: "HOST",
  });
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email },
    secret: TEST_SECRET,
  });
  return {
    url: testDb.url,
    db,
    hostCookie: `next-auth.session-token=${token}`,
    close: async () => {
      await db.close();
      await testDb.drop();
    },
  };
}

const sockets = new Set<Client>();

/** A client as the app's: websocket only; reconnection is up to each test. */
export async function connectClient(
  url: string,
  opts: { cookie?: string; reconnection?: boolean } = {},
): Promise<Client> {
  const socket: Client = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: opts.reconnection ?? false,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
  });
  sockets.add(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

export function disconnectAll(): void {
  for (const socket of sockets) socket.disconnect();
  sockets.clear();
}

/**
 * A room on one node or several: the host connects to the first URL (so that node drives the
 * room), players to each URL in turn, as a round-robin load balancer would send them.
 */
export function openRoomOn(
  urls: string | string[],
  hostCookie: string,
  nicknames: string[],
  questionCount: number,
): Promise<OpenRoom> {
  const nodes = [urls].flat();
  let joined = 0;
  const node = {
    createUser: () =>
      Promise.resolve({ id: "host", name: "Host", email: "host@example.test", cookie: hostCookie }),
    client: (opts?: { cookie?: string }) =>
      connectClient(opts?.cookie ? nodes[0]! : nodes[joined++ % nodes.length]!, opts),
  };
  // The host drives every question (a long limit): the faults happen mid-question, on purpose.
  return openRoom(node, nicknames, { questionCount, defaultTimeLimitSec: 240 });
}

/** The fixture set's questions in order, each with an answer (right or wrong, it counts). */
export function fixtureAnswer(questionIndex: number, right: boolean): Answer {
  switch (questionIndex) {
    case 0:
      return { type: "single", choice: right ? 1 : 0 };
    case 1:
      return { type: "truefalse", value: right };
    case 2:
      return { type: "multiple", choices: right ? [0, 2] : [1] };
    default:
      return { type: "text", text: right ? "TensorFlow" : "PyTorch" };
  }
}

/** Every answer the server acknowledged with ok, by player and question: nothing may be lost. */
export class AckLedger {
  private readonly acked = new Set<string>();

  add(playerId: string, questionIndex: number): void {
    this.acked.add(`${playerId}:${questionIndex}`);
  }

  get size(): number {
    return this.acked.size;
  }

  /** Acknowledged answers with no row in Postgres, and the rows per player. */
  async lostIn(db: Database, code: string): Promise<{ lost: string[]; rows: number }> {
    const rows = await db.prisma.answer.findMany({
      where: { room: { code } },
      select: { playerId: true, questionIndex: true },
    });
    const stored = new Set(rows.map((r) => `${r.playerId}:${r.questionIndex}`));
    return { lost: [...this.acked].filter((key) => !stored.has(key)), rows: rows.length };
  }

  /** Answers each player had acknowledged, as the final results should count them. */
  perPlayer(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const key of this.acked) {
      const playerId = key.slice(0, key.lastIndexOf(":"));
      counts.set(playerId, (counts.get(playerId) ?? 0) + 1);
    }
    return counts;
  }
}

/**
 * The host moves on (from a question: the reveal, then the leaderboard) until question `index`
 * is open, and waits until the player sockets given have seen it.
 */
export async function hostOpensQuestion(
  room: OpenRoom,
  index: number,
  command: "game:start" | "game:next",
  watchers: Client[],
): Promise<void> {
  const seen = watchers.map((s) =>
    next(s, "room:update", (r) => r.phase === "question" && r.question?.index === index, 15_000),
  );
  for (let step = 0; step < 4; step++) {
    const moved = movedBy(room);
    const ack = await request(room.host, step === 0 ? command : "game:next", { code: room.code });
    if (!ack.ok) throw new Error(`${command} refused: ${ack.error}`);
    const now = await labelled(moved, `the host saw no move after ${command} (step ${step})`);
    if (now.phase === "question" && now.question?.index === index) break;
  }
  const settled = await Promise.allSettled(seen);
  const missed = settled.flatMap((r, i) => (r.status === "rejected" ? [i] : []));
  if (missed.length > 0)
    throw new Error(`sockets ${missed.join(", ")} never saw question ${index}`);
}

/** From a reveal: the host moves on until the podium, which writes the results. */
export async function hostFinishes(room: OpenRoom): Promise<void> {
  for (let step = 0; step < 3; step++) {
    const moved = movedBy(room);
    const ack = await request(room.host, "game:next", { code: room.code });
    if (!ack.ok) throw new Error(`game:next refused: ${ack.error}`);
    const now = await labelled(moved, `the host saw no move towards the podium (step ${step})`);
    if (now.phase === "podium") return;
  }
  throw new Error("no podium");
}

/**
 * The host's next update caused by a command sent now: not any update, since a throttled lobby
 * snapshot or the reveal the last answer caused may still be on its way. Server and test share
 * the machine's clock, so an update caused by the command was sent after this moment.
 */
function movedBy(room: OpenRoom): Promise<RoomUpdate> {
  const sentAt = Date.now();
  return next(room.host, "room:update", (r) => r.phase !== "lobby" && r.sentAt >= sentAt, 15_000);
}

/** A failed wait says which wait it was (the watchers all await the same event name). */
function labelled<T>(promise: Promise<T>, label: string): Promise<T> {
  return promise.catch((error: unknown) => {
    throw new Error(`${label}: ${String(error)}`);
  });
}

/** The final results as stored (Result rows), by player id. */
export async function storedResults(
  db: Database,
  code: string,
): Promise<Map<string, { answeredCount: number; score: number }>> {
  const rows = await db.prisma.result.findMany({
    where: { room: { code } },
    select: { playerId: true, answeredCount: true, score: true },
  });
  return new Map(rows.map((r) => [r.playerId, r]));
}
