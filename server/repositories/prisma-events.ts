import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { CodingRoundSettingsSchema } from "@/lib/coding/round";
import type { EventDraft } from "@/lib/events/schema";
import { canSee } from "./question-set-rows";
import type {
  CandidateAnswerRow,
  CandidateRecord,
  CandidateSubmissionRow,
  EventRecord,
  EventRepository,
  EventRoomRecord,
  InviteRecord,
  RegisterOutcome,
  RoomEventInfo,
  TopicTotals,
} from "./event-types";

const EVENT_INCLUDE = {
  organiser: { select: { name: true } },
  sets: {
    orderBy: { position: "asc" },
    select: { set: { select: { id: true, title: true } } },
  },
  _count: { select: { candidates: true, rooms: true } },
} satisfies Prisma.EventInclude;

type EventRow = Prisma.EventGetPayload<{ include: typeof EVENT_INCLUDE }>;

const INVITE_INCLUDE = {
  _count: { select: { candidates: true } },
} satisfies Prisma.EventInviteInclude;
type InviteRow = Prisma.EventInviteGetPayload<{ include: typeof INVITE_INCLUDE }>;

const CANDIDATE_SELECT = {
  id: true,
  eventId: true,
  userId: true,
  name: true,
  email: true,
  createdAt: true,
} satisfies Prisma.CandidateSelect;

export class PrismaEventRepository implements EventRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async roleOf(userId: string): Promise<string | null> {
    const user = await this.prisma.user.findUnique({
      where: { id: userId },
      select: { role: true },
    });
    return user?.role ?? null;
  }

  userIdentity(userId: string): Promise<{ name: string; email: string } | null> {
    return this.prisma.user.findUnique({
      where: { id: userId },
      select: { name: true, email: true },
    });
  }

  async usableSetIds(ids: readonly string[], userId: string): Promise<Set<string>> {
    const rows = await this.prisma.questionSet.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, visibility: true, ownerId: true, deletedAt: true },
    });
    return new Set(rows.filter((row) => canSee(row, userId)).map((row) => row.id));
  }

  async create(organiserId: string, draft: EventDraft): Promise<EventRecord> {
    const row = await this.prisma.event.create({
      data: {
        organiserId,
        ...columns(draft),
        sets: { create: draft.setIds.map((setId, position) => ({ setId, position })) },
      },
      include: EVENT_INCLUDE,
    });
    return toEvent(row);
  }

  async update(id: string, organiserId: string, draft: EventDraft): Promise<EventRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const owned = await tx.event.count({ where: { id, organiserId } });
      if (owned === 0) return null;
      await tx.eventQuestionSet.deleteMany({ where: { eventId: id } });
      const row = await tx.event.update({
        where: { id },
        data: {
          ...columns(draft),
          sets: { create: draft.setIds.map((setId, position) => ({ setId, position })) },
        },
        include: EVENT_INCLUDE,
      });
      return toEvent(row);
    });
  }

  async listOwn(organiserId: string): Promise<EventRecord[]> {
    const rows = await this.prisma.event.findMany({
      where: { organiserId },
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      include: EVENT_INCLUDE,
      take: 500,
    });
    return rows.map(toEvent);
  }

  async get(id: string): Promise<EventRecord | null> {
    const row = await this.prisma.event.findUnique({ where: { id }, include: EVENT_INCLUDE });
    return row ? toEvent(row) : null;
  }

  async setPublished(id: string, organiserId: string, at: Date | null) {
    const changed = await this.prisma.event.updateMany({
      where: { id, organiserId },
      data: { publishedAt: at },
    });
    return changed.count === 0 ? null : this.get(id);
  }

  async listInvites(eventId: string): Promise<InviteRecord[]> {
    const rows = await this.prisma.eventInvite.findMany({
      where: { eventId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      include: INVITE_INCLUDE,
    });
    return rows.map(toInvite);
  }

  async createInvite(
    eventId: string,
    input: { label: string; expiresAt: Date; tokenHash: string },
  ): Promise<InviteRecord> {
    const row = await this.prisma.eventInvite.create({
      data: { eventId, ...input },
      include: INVITE_INCLUDE,
    });
    return toInvite(row);
  }

  async revokeInvite(eventId: string, inviteId: string, at: Date): Promise<InviteRecord | null> {
    // Revoking twice keeps the first time: the audit trail says when it stopped working.
    await this.prisma.eventInvite.updateMany({
      where: { id: inviteId, eventId, revokedAt: null },
      data: { revokedAt: at },
    });
    const row = await this.prisma.eventInvite.findFirst({
      where: { id: inviteId, eventId },
      include: INVITE_INCLUDE,
    });
    return row ? toInvite(row) : null;
  }

  async findInvite(tokenHash: string): Promise<InviteRecord | null> {
    const row = await this.prisma.eventInvite.findUnique({
      where: { tokenHash },
      include: INVITE_INCLUDE,
    });
    return row ? toInvite(row) : null;
  }

  async listRooms(eventId: string): Promise<EventRoomRecord[]> {
    const rows = await this.prisma.room.findMany({
      where: { eventId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        code: true,
        status: true,
        createdAt: true,
        startedAt: true,
        endedAt: true,
        _count: { select: { players: true } },
      },
    });
    return rows.map(({ _count, ...room }) => ({ ...room, players: _count.players }));
  }

  async roomEvent(code: string): Promise<{ event: RoomEventInfo | null } | null> {
    const room = await this.prisma.room.findUnique({
      where: { code },
      select: {
        event: {
          select: { id: true, organiserId: true, startsAt: true, endsAt: true, publishedAt: true },
        },
      },
    });
    if (!room) return null;
    const { event } = room;
    return {
      event: event && {
        eventId: event.id,
        organiserId: event.organiserId,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        publishedAt: event.publishedAt,
      },
    };
  }

  async eventHasSets(eventId: string, setIds: readonly string[]): Promise<boolean> {
    const unique = [...new Set(setIds)];
    const found = await this.prisma.eventQuestionSet.count({
      where: { eventId, setId: { in: unique } },
    });
    return found === unique.length;
  }

  async register(
    eventId: string,
    input: { inviteId: string; userId: string | null; name: string; email: string; at: Date },
  ): Promise<RegisterOutcome> {
    try {
      const candidate = await this.prisma.candidate.create({
        data: {
          eventId,
          inviteId: input.inviteId,
          userId: input.userId,
          name: input.name,
          email: input.email,
          acceptedTermsAt: input.at,
        },
        select: CANDIDATE_SELECT,
      });
      return { ok: true, candidate };
    } catch (error) {
      // (eventId, email) and (eventId, userId) are unique: a second registration is refused by
      // the database, so two tabs registering at once cannot both win.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return { ok: false, error: "ALREADY_REGISTERED" };
      }
      throw error;
    }
  }

  candidate(id: string): Promise<CandidateRecord | null> {
    return this.prisma.candidate.findUnique({ where: { id }, select: CANDIDATE_SELECT });
  }

  candidates(eventId: string): Promise<CandidateRecord[]> {
    return this.prisma.candidate.findMany({
      where: { eventId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: CANDIDATE_SELECT,
    });
  }

  async topicTotals(eventId: string, candidateId?: string): Promise<TopicTotals[]> {
    const only = candidateId ? Prisma.sql`AND p."candidateId" = ${candidateId}` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<
      {
        candidateId: string;
        topic: string;
        points: bigint;
        correct: bigint;
        answered: bigint;
        ms: bigint;
      }[]
    >`
      SELECT p."candidateId" AS "candidateId", q."topic" AS "topic",
             SUM(a."points" + a."streakBonus") AS "points",
             COUNT(*) FILTER (WHERE a."correctness" = 1) AS "correct",
             COUNT(*) AS "answered",
             SUM(a."elapsedMs") AS "ms"
      FROM "Answer" a
      JOIN "Room" r ON r."id" = a."roomId"
      JOIN "Player" p ON p."id" = a."playerId"
      JOIN "Question" q ON q."id" = a."questionId"
      WHERE r."eventId" = ${eventId} AND p."candidateId" IS NOT NULL ${only}
      GROUP BY p."candidateId", q."topic"`;
    return rows.map((row) => ({
      candidateId: row.candidateId,
      topic: row.topic,
      points: Number(row.points),
      correct: Number(row.correct),
      answered: Number(row.answered),
      elapsedMs: Number(row.ms),
    }));
  }

  async answers(eventId: string, candidateId?: string): Promise<CandidateAnswerRow[]> {
    const rows = await this.prisma.answer.findMany({
      where: {
        room: { eventId },
        player: candidateId ? { candidateId } : { candidateId: { not: null } },
      },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: {
        questionIndex: true,
        correctness: true,
        points: true,
        streakBonus: true,
        elapsedMs: true,
        receivedAt: true,
        room: { select: { code: true } },
        question: { select: { topic: true, type: true, body: true } },
        player: { select: { candidateId: true } },
      },
    });
    return rows.map((row) => ({
      candidateId: row.player.candidateId ?? "",
      roomCode: row.room.code,
      questionIndex: row.questionIndex,
      topic: row.question.topic,
      type: row.question.type,
      body: row.question.body,
      correctness: row.correctness,
      points: row.points + row.streakBonus,
      elapsedMs: row.elapsedMs,
      receivedAt: row.receivedAt,
    }));
  }

  async submissions(eventId: string, candidateId?: string): Promise<CandidateSubmissionRow[]> {
    const rows = await this.prisma.submission.findMany({
      where: {
        room: { eventId },
        player: candidateId ? { candidateId } : { candidateId: { not: null } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        questionIndex: true,
        variant: true,
        status: true,
        sizeBytes: true,
        parameters: true,
        summary: true,
        publicAccuracy: true,
        privateAccuracy: true,
        final: true,
        points: true,
        metTarget: true,
        createdAt: true,
        roomId: true,
        room: { select: { code: true, status: true } },
        player: { select: { candidateId: true } },
      },
    });
    // A round has closed once any of its models is final, or its room is over.
    const closedRounds = new Set(
      rows.filter((row) => row.final).map((row) => `${row.roomId}:${row.questionIndex}`),
    );
    return rows.map((row) => ({
      candidateId: row.player.candidateId ?? "",
      roomCode: row.room.code,
      questionIndex: row.questionIndex,
      variant: row.variant,
      status: row.status,
      sizeBytes: row.sizeBytes,
      parameters: row.parameters,
      summary: row.summary,
      publicAccuracy: row.publicAccuracy,
      privateAccuracy: row.privateAccuracy,
      final: row.final,
      points: row.points,
      metTarget: row.metTarget,
      createdAt: row.createdAt,
      roundClosed:
        closedRounds.has(`${row.roomId}:${row.questionIndex}`) ||
        row.room.status === "FINISHED" ||
        row.room.status === "ABORTED",
    }));
  }
}

function columns(draft: EventDraft) {
  return {
    name: draft.name,
    description: draft.description,
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    identity: draft.identity,
    afterwards: draft.afterwards,
    terms: draft.terms,
    coding: draft.coding === null ? Prisma.DbNull : (draft.coding as Prisma.InputJsonValue),
  };
}

function toEvent(row: EventRow): EventRecord {
  const coding = row.coding === null ? null : CodingRoundSettingsSchema.safeParse(row.coding);
  return {
    id: row.id,
    organiserId: row.organiserId,
    organiserName: row.organiser.name,
    name: row.name,
    description: row.description,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    identity: row.identity,
    afterwards: row.afterwards,
    terms: row.terms,
    coding: coding?.success ? coding.data : null,
    sets: row.sets.map(({ set }) => ({
      id: set.id,
      title: (set.title ?? {}) as { zh?: string; en?: string },
    })),
    publishedAt: row.publishedAt,
    candidateCount: row._count.candidates,
    roomCount: row._count.rooms,
    createdAt: row.createdAt,
  };
}

function toInvite(row: InviteRow): InviteRecord {
  return {
    id: row.id,
    eventId: row.eventId,
    label: row.label,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    registrations: row._count.candidates,
  };
}
