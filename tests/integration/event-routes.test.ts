import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CandidateSelfView,
  CreatedInvite,
  DashboardView,
  EventDetailView,
  EventView,
  Registration,
} from "@/lib/contract/event-api";
import { startHttpApp, type HttpApp } from "../support/http-app";

/**
 * app/api/events/* through the app's HTTP stack on real Postgres: who may do what (every route),
 * invite links, registration, the dashboard's scores and ranks, the CSV, and a candidate's own
 * view. Rooms under the event are written straight to the database here; the realtime path that
 * fills them is tested with the room.
 */
type Json = { ok: boolean; data?: unknown; error?: string; issues?: { path: string }[] };
type User = { id: string; cookie: string };

describe("events API", () => {
  let app: HttpApp;
  let organiser: User;
  let rival: User;
  let player: User;
  let builtInSetId: string;

  beforeAll(async () => {
    app = await startHttpApp();
    organiser = await app.createUser("Organiser");
    rival = await app.createUser("Rival");
    player = await app.createUser("Player");
    for (const user of [organiser, rival]) {
      await app.db.prisma.user.update({ where: { id: user.id }, data: { role: "ORGANISER" } });
    }
    builtInSetId = (await app.db.prisma.questionSet.findFirstOrThrow({ where: { builtIn: true } }))
      .id;
  });
  afterAll(async () => {
    await app?.close();
  });

  async function call(
    method: string,
    path: string,
    opts: { cookie?: string; body?: unknown; bearer?: string } = {},
  ) {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
        ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const type = response.headers.get("content-type") ?? "";
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: (type.startsWith("application/json") ? JSON.parse(text) : null) as Json | null,
    };
  }

  const hour = 60 * 60 * 1000;
  const draft = (over: Record<string, unknown> = {}) => ({
    name: "Spring hiring day",
    description: "Quiz and a tiny-model round",
    startsAt: new Date(Date.now() - hour).toISOString(),
    endsAt: new Date(Date.now() + 48 * hour).toISOString(),
    identity: "NAME_EMAIL",
    afterwards: "OWN_RESULTS",
    terms: "Your answers are shared with the hiring team.",
    setIds: [builtInSetId],
    coding: { variant: "scratch", durationSec: 600 },
    ...over,
  });
  async function createEvent(over: Record<string, unknown> = {}, who = organiser) {
    const made = await call("POST", "/api/events", { cookie: who.cookie, body: draft(over) });
    expect(made.status, made.text).toBe(201);
    return made.json!.data as EventView;
  }
  async function invite(eventId: string, validHours = 24) {
    const made = await call("POST", `/api/events/${eventId}/invites`, {
      cookie: organiser.cookie,
      body: { label: "careers page", validHours },
    });
    expect(made.status, made.text).toBe(201);
    return made.json!.data as CreatedInvite;
  }
  async function register(eventId: string, secret: string, name: string, email: string) {
    return call("POST", `/api/events/${eventId}/register`, {
      body: { invite: secret, acceptTerms: true, name, email },
    });
  }

  it("lets only organisers create events, and shows an event to its organiser only", async () => {
    const event = await createEvent();
    expect(event).toMatchObject({ name: "Spring hiring day", candidateCount: 0, roomCount: 0 });
    expect(event.sets.map((s) => s.id)).toEqual([builtInSetId]);

    expect((await call("POST", "/api/events", { body: draft() })).status).toBe(401);
    const asPlayer = await call("POST", "/api/events", { cookie: player.cookie, body: draft() });
    expect(asPlayer.status).toBe(403);
    expect(asPlayer.json?.error).toBe("NOT_ORGANISER");

    // Another organiser gets "not found" on every route of this event, and changes nothing.
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/events/${event.id}`],
      ["PUT", `/api/events/${event.id}`, draft({ name: "Taken over" })],
      ["POST", `/api/events/${event.id}/invites`, { validHours: 1 }],
      ["POST", `/api/events/${event.id}/publish`, { published: true }],
      ["GET", `/api/events/${event.id}/dashboard`],
      ["GET", `/api/events/${event.id}/export?format=csv`],
      ["GET", `/api/events/${event.id}/candidates/cxxxxxxxxxxxxxxxxxxxxxxxx`],
    ];
    for (const [method, path, body] of routes) {
      const answer = await call(method, path, { cookie: rival.cookie, body });
      expect([path, answer.status, answer.json?.error]).toEqual([path, 404, "EVENT_NOT_FOUND"]);
      const signedOut = await call(method, path, { body });
      expect([path, signedOut.status]).toEqual([path, 401]);
    }
    const stored = await app.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored).toMatchObject({ name: "Spring hiring day", publishedAt: null });
    expect(await app.db.prisma.eventInvite.count({ where: { eventId: event.id } })).toBe(0);

    const mine = await call("GET", "/api/events", { cookie: organiser.cookie });
    expect((mine.json!.data as EventView[]).map((e) => e.id)).toContain(event.id);
    const theirs = await call("GET", "/api/events", { cookie: rival.cookie });
    expect((theirs.json!.data as EventView[]).map((e) => e.id)).not.toContain(event.id);
  });

  it("refuses a bad event with the field named, and a set the organiser cannot see", async () => {
    const before = await app.db.prisma.event.count();
    const backwards = await call("POST", "/api/events", {
      cookie: organiser.cookie,
      body: draft({ endsAt: new Date(Date.now() - 2 * hour).toISOString() }),
    });
    expect(backwards.status).toBe(400);
    expect(backwards.json?.issues?.map((i) => i.path)).toContain("endsAt");

    const hidden = await app.db.prisma.questionSet.create({
      data: {
        slug: `rival-${Date.now()}`,
        title: { en: "Rival's" },
        description: {},
        ownerId: rival.id,
      },
    });
    const privateSet = await call("POST", "/api/events", {
      cookie: organiser.cookie,
      body: draft({ setIds: [builtInSetId, hidden.id] }),
    });
    expect([privateSet.status, privateSet.json?.error]).toEqual([404, "QUESTION_SET_NOT_FOUND"]);
    expect(privateSet.json?.issues?.map((i) => i.path)).toEqual(["setIds.1"]);
    expect(await app.db.prisma.event.count()).toBe(before);
  });

  it("registers through a live invite once, and refuses revoked, expired and foreign ones", async () => {
    const event = await createEvent();
    const other = await createEvent({ name: "Another event" });
    const link = await invite(event.id);
    expect(link.path).toBe(`/events/${event.id}/register#${link.secret}`);
    // Only the hash is stored.
    const stored = await app.db.prisma.eventInvite.findUniqueOrThrow({
      where: { id: link.invite.id },
    });
    expect(stored.tokenHash).not.toContain(link.secret);

    const lookup = await call("POST", `/api/events/${event.id}/lookup`, {
      body: { invite: link.secret },
    });
    expect(lookup.json?.data).toMatchObject({ name: "Spring hiring day", identity: "NAME_EMAIL" });
    expect(JSON.stringify(lookup.json)).not.toContain("@");

    const noTerms = await call("POST", `/api/events/${event.id}/register`, {
      body: { invite: link.secret, acceptTerms: false, name: "Ann", email: "ann@example.test" },
    });
    expect(noTerms.status).toBe(400);
    const noEmail = await call("POST", `/api/events/${event.id}/register`, {
      body: { invite: link.secret, acceptTerms: true, name: "Ann" },
    });
    expect(noEmail.json?.issues?.map((i) => i.path)).toEqual(["email"]);

    const ann = await register(event.id, link.secret, "Ann", " Ann@Example.test ");
    expect(ann.status, ann.text).toBe(201);
    const again = await register(event.id, link.secret, "Ann again", "ann@example.test");
    expect([again.status, again.json?.error]).toEqual([409, "ALREADY_REGISTERED"]);

    const foreign = await register(other.id, link.secret, "Bo", "bo@example.test");
    expect([foreign.status, foreign.json?.error]).toEqual([409, "INVITE_WRONG_EVENT"]);

    const revoked = await call("DELETE", `/api/events/${event.id}/invites/${link.invite.id}`, {
      cookie: organiser.cookie,
    });
    expect(revoked.json?.data).toMatchObject({ status: "revoked" });
    const afterRevoke = await register(event.id, link.secret, "Cy", "cy@example.test");
    expect([afterRevoke.status, afterRevoke.json?.error]).toEqual([410, "INVITE_REVOKED"]);

    const late = await invite(event.id);
    await app.db.prisma.eventInvite.update({
      where: { id: late.invite.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await register(event.id, late.secret, "Di", "di@example.test");
    expect([expired.status, expired.json?.error]).toEqual([410, "INVITE_EXPIRED"]);
    const unknown = await register(event.id, "x".repeat(43), "Ed", "ed@example.test");
    expect([unknown.status, unknown.json?.error]).toEqual([404, "INVITE_NOT_FOUND"]);

    expect(await app.db.prisma.candidate.count({ where: { eventId: event.id } })).toBe(1);
    expect(await app.db.prisma.candidate.count({ where: { eventId: other.id } })).toBe(0);
    const detail = await call("GET", `/api/events/${event.id}`, { cookie: organiser.cookie });
    const invites = (detail.json!.data as EventDetailView).invites;
    expect(invites.map((i) => [i.status, i.registrations]).sort()).toEqual([
      ["expired", 0],
      ["revoked", 1],
    ]);
  });

  it("takes an account event's identity from the session, never from the body", async () => {
    const event = await createEvent({ identity: "ACCOUNT" });
    const link = await invite(event.id);
    const anonymous = await register(event.id, link.secret, "Mallory", "mallory@example.test");
    expect(anonymous.status).toBe(401);
    const signedIn = await call("POST", `/api/events/${event.id}/register`, {
      cookie: player.cookie,
      body: { invite: link.secret, acceptTerms: true, name: "Mallory", email: "m@example.test" },
    });
    expect(signedIn.status).toBe(201);
    const row = await app.db.prisma.candidate.findFirstOrThrow({ where: { eventId: event.id } });
    expect(row).toMatchObject({ userId: player.id, name: "Player" });
    expect(row.email).toMatch(/^player-/);
  });

  it("ranks candidates with shared ties, sums topics and escapes the CSV", async () => {
    const event = await createEvent({ afterwards: "OWN_AND_BOARD" });
    const link = await invite(event.id);
    const names = ["Ann", '=HYPERLINK("http://x")', "Cy", "Di"];
    const emails = names.map((_, i) => `cand${i}-${Date.now()}@e.test`);
    const regs: Registration[] = [];
    for (const [i, name] of names.entries()) {
      const made = await register(event.id, link.secret, name, emails[i]!);
      regs.push(made.json!.data as Registration);
    }
    // Ann 120, "=HYPERLINK" 120 (tie), Cy 50 + a 30-point model; Di registered but never played.
    await seedRoom(event.id, [
      { candidateId: regs[0]!.candidateId, points: [100, 20] },
      { candidateId: regs[1]!.candidateId, points: [60, 60] },
      { candidateId: regs[2]!.candidateId, points: [50, 0], model: { points: 30, final: true } },
    ]);

    const board = await call("GET", `/api/events/${event.id}/dashboard`, {
      cookie: organiser.cookie,
    });
    const view = board.json!.data as DashboardView;
    expect(view.candidates.map((c) => [c.name, c.rank, c.score])).toEqual([
      ["Ann", 1, 120],
      [names[1], 1, 120],
      ["Cy", 3, 80],
      ["Di", null, 0],
    ]);
    expect(view.topics).toEqual(["frameworks", "training"]);
    expect(view.candidates[0]!.topics).toEqual([
      { topic: "frameworks", points: 100, correct: 1, answered: 1 },
      { topic: "training", points: 20, correct: 1, answered: 1 },
    ]);
    expect(view.candidates[2]!.coding[0]!.final).toMatchObject({
      points: 30,
      privateAccuracy: 0.93,
    });

    const csv = await call("GET", `/api/events/${event.id}/export?format=csv`, {
      cookie: organiser.cookie,
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="event-.*\.csv"/);
    expect(csv.text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.text.slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data.map((r) => [r.rank, r.name, r.score])).toEqual([
      ["1", "Ann", "120"],
      ["1", `'${names[1]}`, "120"],
      ["3", "Cy", "80"],
      ["", "Di", "0"],
    ]);
    expect(parsed.data[2]).toMatchObject({
      "topic_points:frameworks": "50",
      best_model_points: "30",
      best_model_private_accuracy: "0.93",
    });

    const json = await call("GET", `/api/events/${event.id}/export?format=json`, {
      cookie: organiser.cookie,
    });
    const file = JSON.parse(json.text) as { candidates: { answers: unknown[] }[] };
    expect(file.candidates.map((c) => c.answers.length)).toEqual([2, 2, 2, 0]);

    // A candidate sees their own details and, as this event allows, the board: no one's email.
    const me = await call("GET", `/api/events/${event.id}/me`, { bearer: regs[2]!.candidateToken });
    const self = me.json!.data as CandidateSelfView;
    expect(self.me?.candidate).toMatchObject({ name: "Cy", rank: 3, score: 80 });
    expect(self.me?.answers).toHaveLength(2);
    expect(self.board?.map((row) => row.name)).toEqual(["Ann", names[1], "Cy"]);
    for (const email of [emails[0]!, emails[1]!, emails[3]!]) expect(me.text).not.toContain(email);

    // A token for this event opens nothing of another one, and a forged one nothing at all.
    const other = await createEvent({ name: "Other" });
    const cross = await call("GET", `/api/events/${other.id}/me`, {
      bearer: regs[0]!.candidateToken,
    });
    expect([cross.status, cross.json?.error]).toEqual([403, "NOT_A_CANDIDATE"]);
    const forged = await call("GET", `/api/events/${event.id}/me`, {
      bearer: `${regs[0]!.candidateToken.slice(0, -4)}AAAA`,
    });
    expect(forged.status).toBe(401);
  });

  it("hides private accuracy until the coding round closes, and shows what the event allows", async () => {
    const event = await createEvent({ afterwards: "NOTHING" });
    const link = await invite(event.id);
    const reg = (await register(event.id, link.secret, "Eve", `eve-${Date.now()}@e.test`)).json!
      .data as Registration;
    await seedRoom(
      event.id,
      [{ candidateId: reg.candidateId, points: [10, 0], model: { points: null, final: false } }],
      "RUNNING",
    );
    const detail = await call("GET", `/api/events/${event.id}/candidates/${reg.candidateId}`, {
      cookie: organiser.cookie,
    });
    const body = detail.json!.data as {
      submissions: { privateAccuracy: number | null; publicAccuracy: number }[];
    };
    expect(body.submissions[0]).toMatchObject({ privateAccuracy: null, publicAccuracy: 0.95 });

    const me = await call("GET", `/api/events/${event.id}/me`, { bearer: reg.candidateToken });
    expect(me.json?.data).toMatchObject({ afterwards: "NOTHING", me: null, board: null });
  });

  /** A room under the event whose candidates answered the fixture's first two questions. */
  async function seedRoom(
    eventId: string,
    players: {
      candidateId: string;
      points: [number, number];
      model?: { points: number | null; final: boolean };
    }[],
    status: "FINISHED" | "RUNNING" = "FINISHED",
  ) {
    const prisma = app.db.prisma;
    const questions = await prisma.question.findMany({
      where: { set: { builtIn: true }, position: { in: [0, 1] } },
      orderBy: { position: "asc" },
    });
    const room = await prisma.room.create({
      data: {
        code: `E${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
        hostId: organiser.id,
        questionSetId: builtInSetId,
        settings: {},
        questionIds: questions.map((q) => q.id),
        status,
        eventId,
        endedAt: status === "FINISHED" ? new Date() : null,
      },
    });
    for (const [i, p] of players.entries()) {
      const playerId = `p-${room.id}-${i}`;
      await prisma.player.create({
        data: { id: playerId, roomId: room.id, nickname: `n${i}`, candidateId: p.candidateId },
      });
      for (const [index, question] of questions.entries()) {
        const points = p.points[index]!;
        await prisma.answer.create({
          data: {
            roomId: room.id,
            playerId,
            questionId: question.id,
            questionIndex: index,
            payload: {},
            receivedAt: new Date(),
            elapsedMs: 1000 * (index + 1),
            correctness: points > 0 ? 1 : 0,
            points,
            streak: 1,
          },
        });
      }
      if (p.model) {
        await prisma.submission.create({
          data: {
            id: `s-${playerId}`,
            roomId: room.id,
            playerId,
            questionIndex: 2,
            variant: "scratch",
            body: new Uint8Array([1]),
            sha256: "0".repeat(64),
            sizeBytes: 4096,
            parameters: 1000,
            summary: "dense(32) int8",
            status: "SCORED",
            publicAccuracy: 0.95,
            privateAccuracy: 0.93,
            final: p.model.final,
            points: p.model.points,
            createdAt: new Date(),
          },
        });
      }
    }
  }
});
