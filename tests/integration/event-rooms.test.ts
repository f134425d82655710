import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventDraftSchema } from "@/lib/events/schema";
import { signCandidateToken } from "@/server/events/tokens";
import { TEST_SECRET, type Harness, request, startHarness } from "../support/realtime-harness";

/**
 * Rooms under an event, over real Socket.IO on real Postgres: only the event's organiser opens
 * one, from the event's sets, inside its window; it seats the event's registered candidates only,
 * each once, and every seat is linked to the candidate in the database.
 */
describe("event rooms on postgres", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  const hour = 3_600_000;
  async function organiserWithEvent(over: { startsAt?: Date; endsAt?: Date } = {}) {
    const user = await h.createUser("Organiser");
    await h.db.prisma.user.update({ where: { id: user.id }, data: { role: "ORGANISER" } });
    const bank = await h.db.prisma.questionSet.findFirstOrThrow({ where: { builtIn: true } });
    const draft = EventDraftSchema.parse({
      name: "Hiring day",
      startsAt: (over.startsAt ?? new Date(Date.now() - hour)).toISOString(),
      endsAt: (over.endsAt ?? new Date(Date.now() + hour)).toISOString(),
      terms: "ok",
      setIds: [bank.id],
    });
    const event = await h.repos.events.create(user.id, draft);
    return { user, event, bank, socket: await h.client({ cookie: user.cookie }) };
  }
  const selectionOf = (setId: string) => ({
    setIds: [setId],
    filter: {},
    pick: { mode: "random" as const, count: 2 },
  });
  async function candidate(eventId: string, name: string) {
    const row = await h.db.prisma.candidate.create({
      data: { eventId, name, email: `${name}-${Date.now()}@e.test`, acceptedTermsAt: new Date() },
    });
    const token = await signCandidateToken(
      { candidateId: row.id, eventId },
      TEST_SECRET,
      new Date(Date.now() + hour),
    );
    return { row, token };
  }

  it("opens a room under the event for its organiser only, from the event's sets", async () => {
    const { event, bank, socket } = await organiserWithEvent();
    const created = await request(socket, "room:create", {
      selection: selectionOf(bank.id),
      eventId: event.id,
    });
    if (!created.ok) throw new Error(created.error);
    const room = await h.db.prisma.room.findUniqueOrThrow({ where: { code: created.data.code } });
    expect(room.eventId).toBe(event.id);

    const rooms = await h.db.prisma.room.count();
    const other = await organiserWithEvent();
    const foreign = await request(other.socket, "room:create", {
      selection: selectionOf(bank.id),
      eventId: event.id,
    });
    expect(foreign).toEqual({ ok: false, error: "EVENT_NOT_FOUND" });

    const player = await h.createUser("Player");
    const playerSocket = await h.client({ cookie: player.cookie });
    const notOrganiser = await request(playerSocket, "room:create", {
      selection: selectionOf(bank.id),
      eventId: event.id,
    });
    expect(notOrganiser).toEqual({ ok: false, error: "NOT_ORGANISER" });

    // A set the organiser may use, but not one of this event's.
    const ownSet = await h.db.prisma.questionSet.create({
      data: {
        slug: `own-${Date.now()}`,
        title: { en: "Own" },
        description: {},
        ownerId: other.user.id,
      },
    });
    await h.db.prisma.question.create({
      data: {
        setId: ownSet.id,
        slug: "q1",
        position: 0,
        type: "truefalse",
        topic: "t",
        difficulty: 1,
        body: {
          id: "q1",
          type: "truefalse",
          topic: "t",
          difficulty: 1,
          prompt: { en: "Yes?", zh: "是吗？" },
          correct: true,
          explanation: { en: "Yes.", zh: "是。" },
        },
      },
    });
    const offSet = await request(other.socket, "room:create", {
      selection: { setIds: [ownSet.id] },
      eventId: other.event.id,
    });
    expect(offSet).toEqual({ ok: false, error: "QUESTION_SET_NOT_FOUND" });
    expect(await h.db.prisma.room.count()).toBe(rooms);
  });

  it("refuses a room once the event has closed", async () => {
    const { event, bank, socket } = await organiserWithEvent({
      startsAt: new Date(Date.now() - 2 * hour),
      endsAt: new Date(Date.now() - hour),
    });
    const late = await request(socket, "room:create", {
      selection: selectionOf(bank.id),
      eventId: event.id,
    });
    expect(late).toEqual({ ok: false, error: "EVENT_CLOSED" });
  });

  it("seats registered candidates once each, linked to their registration", async () => {
    const { event, bank, socket } = await organiserWithEvent();
    const created = await request(socket, "room:create", {
      selection: selectionOf(bank.id),
      eventId: event.id,
    });
    if (!created.ok) throw new Error(created.error);
    const { code } = created.data;
    const ann = await candidate(event.id, "ann");

    const stranger = await h.client();
    expect(await request(stranger, "room:join", { code, nickname: "walk-in" })).toEqual({
      ok: false,
      error: "NOT_A_CANDIDATE",
    });
    const elsewhere = await organiserWithEvent();
    const foreignCandidate = await candidate(elsewhere.event.id, "bo");
    expect(
      await request(stranger, "room:join", {
        code,
        nickname: "bo",
        candidateToken: foreignCandidate.token,
      }),
    ).toEqual({ ok: false, error: "NOT_A_CANDIDATE" });
    expect(
      await request(stranger, "room:join", {
        code,
        nickname: "forged",
        candidateToken: "x".repeat(40),
      }),
    ).toEqual({ ok: false, error: "NOT_A_CANDIDATE" });

    const annSocket = await h.client();
    const joined = await request(annSocket, "room:join", {
      code,
      nickname: "Ann",
      candidateToken: ann.token,
    });
    if (!joined.ok) throw new Error(joined.error);
    const seat = await h.db.prisma.player.findFirstOrThrow({
      where: { room: { code }, nickname: "Ann" },
    });
    expect(seat.candidateId).toBe(ann.row.id);

    // The same candidate from another phone, under another name: one seat per candidate.
    const again = await h.client();
    expect(
      await request(again, "room:join", { code, nickname: "Ann2", candidateToken: ann.token }),
    ).toEqual({ ok: false, error: "ALREADY_JOINED" });
    expect(await h.db.prisma.player.count({ where: { room: { code } } })).toBe(1);

    // A room of its own still lets anyone in, token or not.
    const open = await request(socket, "room:create", { selection: selectionOf(bank.id) });
    if (!open.ok) throw new Error(open.error);
    expect(
      (await request(await h.client(), "room:join", { code: open.data.code, nickname: "pat" })).ok,
    ).toBe(true);
  });
});
