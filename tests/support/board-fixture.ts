import type { PrismaClient } from "@/generated/prisma/client";

/**
 * Board rows written straight to the tables a finished game leaves behind (rooms, players,
 * answers, final submissions), with fixed dates, so each board, window and scope has a known
 * answer. Only what the boards read is filled in; the rest is the columns' minimum.
 */
export class BoardFixture {
  private n = 0;
  /** Distinct ids for each fixture in one database. */
  private readonly tag = Math.random().toString(36).slice(2, 8);
  constructor(
    private readonly prisma: PrismaClient,
    private readonly hostId: string,
  ) {}

  private next(prefix: string): string {
    this.n += 1;
    return `${prefix}${this.tag}${String(this.n).padStart(6, "0")}`;
  }

  async set(title: string, visibility: "PUBLIC" | "PRIVATE" = "PUBLIC", ownerId?: string) {
    const id = this.next("set");
    await this.prisma.questionSet.create({
      data: {
        id,
        slug: `board-${id}`,
        title: { en: title },
        description: { en: "" },
        visibility,
        ownerId: ownerId ?? null,
      },
    });
    const questionIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const q = await this.prisma.question.create({
        data: {
          setId: id,
          slug: `q${i}`,
          position: i,
          type: "single",
          topic: "t",
          difficulty: 1,
          body: {},
        },
      });
      questionIds.push(q.id);
    }
    return { id, questionIds };
  }

  /** A room in a given state; endedAt only for FINISHED and ABORTED ones; eventId: an event's. */
  async room(
    setId: string,
    status: "FINISHED" | "RUNNING" | "ABORTED" | "LOBBY",
    endedAt: Date | null,
    eventId: string | null = null,
  ) {
    const id = this.next("room");
    await this.prisma.room.create({
      data: {
        id,
        code: id.slice(-6).toUpperCase(),
        hostId: this.hostId,
        questionSetId: setId,
        settings: {},
        questionIds: [],
        status,
        endedAt,
        eventId,
      },
    });
    return id;
  }

  /** A player of a room: an account's, or a guest's (userId null). */
  async player(roomId: string, userId: string | null, kickedAt: Date | null = null) {
    const id = this.next("player");
    await this.prisma.player.create({ data: { id, roomId, nickname: id, userId, kickedAt } });
    return id;
  }

  async answer(
    roomId: string,
    playerId: string,
    questionId: string,
    points: number,
    streakBonus = 0,
  ) {
    const questionIndex = await this.prisma.answer.count({ where: { playerId } });
    await this.prisma.answer.create({
      data: {
        roomId,
        playerId,
        questionId,
        questionIndex,
        payload: {},
        receivedAt: new Date(),
        elapsedMs: 1000,
        correctness: 1,
        points,
        streakBonus,
        streak: 1,
      },
    });
  }

  /** A coding submission: final (its round closed) with points, or not yet (points null). */
  async submission(
    roomId: string,
    playerId: string,
    variant: "scratch" | "shrink",
    createdAt: Date,
    final: { points: number } | null,
  ) {
    await this.prisma.submission.create({
      data: {
        id: this.next("sub"),
        roomId,
        playerId,
        questionIndex: 9,
        variant,
        body: new Uint8Array([0]),
        sha256: "0".repeat(64),
        sizeBytes: 1000,
        parameters: 10,
        summary: "m",
        status: "SCORED",
        publicAccuracy: 0.99,
        privateAccuracy: 0.99,
        final: final !== null,
        points: final?.points ?? null,
        metTarget: final ? true : null,
        createdAt,
      },
    });
  }
}
