import type { z } from "zod";
import {
  CreateInviteBodySchema,
  EventBodySchema,
  ExportQuerySchema,
  LookupBodySchema,
  PublishBodySchema,
  RegisterBodySchema,
  type CandidateDetailView,
  type CandidateSelfView,
  type DashboardView,
  type EventApiResult,
} from "@/lib/contract/event-api";
import type { ErrorCode } from "@/lib/contract/errors";
import { dashboardCsv, summariseCandidates, topicsOf } from "@/lib/events/dashboard";
import { EventIdSchema, canOrganise, checkInvite, inviteExpiry } from "@/lib/events/schema";
import type { EventRecord, EventRepository } from "../repositories/event-types";
import { bearerToken } from "../http/web-response";
import { readCappedText } from "../http/web-body";
import { newInviteSecret, inviteHash, signCandidateToken, verifyCandidateToken } from "./tokens";
import { answerDetail, eventView, inviteView, publicEventView, submissionDetail } from "./views";

/**
 * The events API (lib/contract/event-api.ts) as Web Request -> Response functions: the route
 * handlers in app/api/events/* call them over the app context; tests call them directly. Bodies
 * are parsed first and every refusal writes nothing. An event that is not the caller's own is
 * answered 404, as one that does not exist, so an event's existence never leaks.
 */
export interface EventRouteDeps {
  events: EventRepository;
  /** The signed-in user's id from the verified session cookie, or null. */
  viewer(request: Request): Promise<string | null>;
  secret: string;
  now(): Date;
}

const MAX_BODY = 64 * 1024;
/** How long after an event ends its candidates can still open their own results. */
const RESULTS_DAYS_AFTER = 30;

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_PAYLOAD: 400,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  NOT_ORGANISER: 403,
  NOT_A_CANDIDATE: 403,
  EVENT_NOT_FOUND: 404,
  QUESTION_SET_NOT_FOUND: 404,
  INVITE_NOT_FOUND: 404,
  INVITE_WRONG_EVENT: 409,
  ALREADY_REGISTERED: 409,
  INVITE_EXPIRED: 410,
  INVITE_REVOKED: 410,
  EVENT_CLOSED: 410,
  PAYLOAD_TOO_LARGE: 413,
};

type Owned = { ok: true; event: EventRecord; viewer: string } | { ok: false; response: Response };

export function createEventRoutes(deps: EventRouteDeps) {
  const { events } = deps;

  /** The signed-in organiser, or the refusal: 401 signed out, 403 without the role. */
  async function organiser(request: Request): Promise<string | Response> {
    const viewer = await deps.viewer(request);
    if (!viewer) return refuse("UNAUTHENTICATED");
    const role = await events.roleOf(viewer);
    return role && canOrganise(role) ? viewer : refuse("NOT_ORGANISER");
  }

  async function owned(request: Request, id: string): Promise<Owned> {
    const viewer = await organiser(request);
    if (viewer instanceof Response) return { ok: false, response: viewer };
    const event = EventIdSchema.safeParse(id).success ? await events.get(id) : null;
    if (!event || event.organiserId !== viewer) {
      return { ok: false, response: refuse("EVENT_NOT_FOUND") };
    }
    return { ok: true, event, viewer };
  }

  async function draftFrom(request: Request, viewer: string) {
    const body = await parseBody(request, EventBodySchema);
    if (!body.ok) return body;
    const usable = await events.usableSetIds(body.data.setIds, viewer);
    const missing = body.data.setIds.findIndex((id) => !usable.has(id));
    if (missing >= 0) {
      return {
        ok: false as const,
        response: refuse("QUESTION_SET_NOT_FOUND", [`setIds.${missing}`]),
      };
    }
    return body;
  }

  return {
    async list(request: Request): Promise<Response> {
      const viewer = await organiser(request);
      if (viewer instanceof Response) return viewer;
      const rows = await events.listOwn(viewer);
      return send({ ok: true, data: rows.map(eventView) });
    },

    async create(request: Request): Promise<Response> {
      const viewer = await organiser(request);
      if (viewer instanceof Response) return viewer;
      const draft = await draftFrom(request, viewer);
      if (!draft.ok) return draft.response;
      return send({ ok: true, data: eventView(await events.create(viewer, draft.data)) }, 201);
    },

    async get(request: Request, id: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const [invites, rooms] = await Promise.all([events.listInvites(id), events.listRooms(id)]);
      const now = deps.now();
      return send({
        ok: true,
        data: {
          ...eventView(found.event),
          invites: invites.map((invite) => inviteView(invite, now)),
          rooms: rooms.map((room) => ({
            ...room,
            createdAt: room.createdAt.toISOString(),
            startedAt: room.startedAt?.toISOString() ?? null,
            endedAt: room.endedAt?.toISOString() ?? null,
          })),
        },
      });
    },

    async update(request: Request, id: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const draft = await draftFrom(request, found.viewer);
      if (!draft.ok) return draft.response;
      const row = await events.update(id, found.viewer, draft.data);
      return row ? send({ ok: true, data: eventView(row) }) : refuse("EVENT_NOT_FOUND");
    },

    async createInvite(request: Request, id: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const body = await parseBody(request, CreateInviteBodySchema);
      if (!body.ok) return body.response;
      const now = deps.now();
      if (now >= found.event.endsAt) return refuse("EVENT_CLOSED");
      const secret = newInviteSecret();
      const invite = await events.createInvite(id, {
        label: body.data.label,
        expiresAt: inviteExpiry(now, body.data.validHours, found.event.endsAt),
        tokenHash: inviteHash(secret),
      });
      return send(
        {
          ok: true,
          data: {
            invite: inviteView(invite, now),
            secret,
            path: `/events/${id}/register#${secret}`,
          },
        },
        201,
      );
    },

    async revokeInvite(request: Request, id: string, inviteId: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const now = deps.now();
      const invite = await events.revokeInvite(id, inviteId, now);
      return invite
        ? send({ ok: true, data: inviteView(invite, now) })
        : refuse("INVITE_NOT_FOUND");
    },

    async publish(request: Request, id: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const body = await parseBody(request, PublishBodySchema);
      if (!body.ok) return body.response;
      const at = body.data.published ? (found.event.publishedAt ?? deps.now()) : null;
      const row = await events.setPublished(id, found.viewer, at);
      return row ? send({ ok: true, data: eventView(row) }) : refuse("EVENT_NOT_FOUND");
    },

    async dashboard(request: Request, id: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const candidates = await summaries(id);
      const data: DashboardView = {
        event: eventView(found.event),
        topics: topicsOf(candidates),
        candidates,
      };
      return send({ ok: true, data });
    },

    async candidate(request: Request, id: string, candidateId: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const detail = await candidateDetail(id, candidateId);
      return detail ? send({ ok: true, data: detail }) : refuse("NOT_A_CANDIDATE");
    },

    async exportFile(request: Request, id: string): Promise<Response> {
      const found = await owned(request, id);
      if (!found.ok) return found.response;
      const query = ExportQuerySchema.safeParse(
        Object.fromEntries(new URL(request.url).searchParams),
      );
      if (!query.success) return invalid(query.error);
      const candidates = await summaries(id);
      const stem = fileStem(found.event.name);
      if (query.data.format === "csv") {
        return file(dashboardCsv(candidates), "text/csv; charset=utf-8", `${stem}.csv`);
      }
      const [answers, submissions] = await Promise.all([
        events.answers(id),
        events.submissions(id),
      ]);
      const answersOf = groupBy(answers.map(answerDetail), answers, (row) => row.candidateId);
      const modelsOf = groupBy(
        submissions.map(submissionDetail),
        submissions,
        (row) => row.candidateId,
      );
      const json = {
        format: "kilobyte-arena.event-results.v1",
        event: eventView(found.event),
        candidates: candidates.map((candidate) => ({
          ...candidate,
          answers: answersOf.get(candidate.id) ?? [],
          submissions: modelsOf.get(candidate.id) ?? [],
        })),
      };
      return file(`${JSON.stringify(json, null, 2)}\n`, "application/json", `${stem}.json`);
    },

    /** Anyone with the link: what the event is, before registering. */
    async lookup(request: Request, id: string): Promise<Response> {
      const body = await parseBody(request, LookupBodySchema);
      if (!body.ok) return body.response;
      const checked = await checkedInvite(id, body.data.invite);
      return checked.ok
        ? send({ ok: true, data: publicEventView(checked.event) })
        : refuse(checked.error);
    },

    async register(request: Request, id: string): Promise<Response> {
      const body = await parseBody(request, RegisterBodySchema);
      if (!body.ok) return body.response;
      const checked = await checkedInvite(id, body.data.invite);
      if (!checked.ok) return refuse(checked.error);
      const { event, inviteId } = checked;

      let identity: { userId: string | null; name: string; email: string };
      if (event.identity === "ACCOUNT") {
        const viewer = await deps.viewer(request);
        const user = viewer ? await events.userIdentity(viewer) : null;
        if (!viewer || !user) return refuse("UNAUTHENTICATED");
        identity = { userId: viewer, name: user.name, email: user.email };
      } else {
        const { name, email } = body.data;
        const missing = [name ? null : "name", email ? null : "email"].filter((f) => f !== null);
        if (!name || !email) return refuse("INVALID_PAYLOAD", missing);
        identity = { userId: null, name, email };
      }
      const now = deps.now();
      const outcome = await events.register(event.id, { inviteId, ...identity, at: now });
      if (!outcome.ok) return refuse(outcome.error);
      const expiresAt = new Date(event.endsAt.getTime() + RESULTS_DAYS_AFTER * 86_400_000);
      const candidateToken = await signCandidateToken(
        { candidateId: outcome.candidate.id, eventId: event.id },
        deps.secret,
        expiresAt,
      );
      return send(
        {
          ok: true,
          data: {
            candidateId: outcome.candidate.id,
            name: outcome.candidate.name,
            candidateToken,
            expiresAt: expiresAt.toISOString(),
          },
        },
        201,
      );
    },

    /** A candidate's own page: only what the organiser's `afterwards` setting allows. */
    async me(request: Request, id: string): Promise<Response> {
      const token = bearerToken(request);
      const claims = token ? await verifyCandidateToken(token, deps.secret) : null;
      if (!claims) return refuse("INVALID_TOKEN");
      if (claims.eventId !== id) return refuse("NOT_A_CANDIDATE");
      const event = await events.get(id);
      const detail = event ? await candidateDetail(id, claims.candidateId) : null;
      if (!event || !detail) return refuse("NOT_A_CANDIDATE");
      const board =
        event.afterwards === "OWN_AND_BOARD"
          ? (await summaries(id))
              .filter((s) => s.rank !== null)
              .map((s) => ({ rank: s.rank, name: s.name, score: s.score }))
          : null;
      const data: CandidateSelfView = {
        event: publicEventView(event),
        afterwards: event.afterwards,
        me: event.afterwards === "NOTHING" ? null : detail,
        board,
      };
      return send({ ok: true, data });
    },
  };

  async function summaries(eventId: string) {
    const [candidates, topics, submissions] = await Promise.all([
      events.candidates(eventId),
      events.topicTotals(eventId),
      events.submissions(eventId),
    ]);
    return summariseCandidates(candidates, topics, submissions);
  }

  async function candidateDetail(
    eventId: string,
    candidateId: string,
  ): Promise<CandidateDetailView | null> {
    const candidate = await events.candidate(candidateId);
    if (!candidate || candidate.eventId !== eventId) return null;
    const [topics, answers, submissions] = await Promise.all([
      events.topicTotals(eventId, candidateId),
      events.answers(eventId, candidateId),
      events.submissions(eventId, candidateId),
    ]);
    const [summary] = summariseCandidates([candidate], topics, submissions);
    // Alone in the list, a candidate is always "1st": the rank comes from the whole event.
    const ranked = (await summaries(eventId)).find((s) => s.id === candidateId);
    return {
      candidate: { ...summary!, rank: ranked?.rank ?? null },
      answers: answers.map(answerDetail),
      submissions: submissions.map(submissionDetail),
    };
  }

  async function checkedInvite(eventId: string, secret: string) {
    const invite = await events.findInvite(inviteHash(secret));
    const event = EventIdSchema.safeParse(eventId).success ? await events.get(eventId) : null;
    if (!event) return { ok: false as const, error: "EVENT_NOT_FOUND" as const };
    const refusal = checkInvite(invite, event, deps.now());
    if (refusal || !invite) return { ok: false as const, error: refusal ?? "INVITE_NOT_FOUND" };
    return { ok: true as const, event, inviteId: invite.id };
  }
}

async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  const text = await readCappedText(request, MAX_BODY);
  if (text === null) return { ok: false, response: refuse("PAYLOAD_TOO_LARGE") };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: refuse("INVALID_PAYLOAD", ["(body)"]) };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, response: invalid(parsed.error) };
}

/** `views[i]` grouped by the key of `rows[i]` (the stored row knows the candidate; the view not). */
function groupBy<V, R>(views: V[], rows: readonly R[], key: (row: R) => string): Map<string, V[]> {
  const out = new Map<string, V[]>();
  views.forEach((view, i) => {
    const k = key(rows[i]!);
    const list = out.get(k);
    if (list) list.push(view);
    else out.set(k, [view]);
  });
  return out;
}

function invalid(error: z.ZodError): Response {
  return send(
    {
      ok: false,
      error: "INVALID_PAYLOAD",
      issues: error.issues.map((issue) => ({
        path: issue.path.join(".") || "(body)",
        message: issue.message,
      })),
    },
    400,
  );
}

function refuse(error: ErrorCode, fields: string[] = []): Response {
  const issues = fields.map((path) => ({ path, message: error }));
  return send(
    issues.length > 0 ? { ok: false, error, issues } : { ok: false, error },
    STATUS[error] ?? 400,
  );
}

function send<T>(body: EventApiResult<T>, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

function file(content: string, type: string, name: string): Response {
  return new Response(content, {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** An ASCII file name from the event's name (the full name is inside the file). */
function fileStem(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `event-${ascii || "results"}`;
}
