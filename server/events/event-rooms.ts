import type { ErrorCode } from "@/lib/contract/errors";
import { canOrganise } from "@/lib/events/schema";
import type { EventRepository, RoomEventInfo } from "../repositories/event-types";
import { verifyCandidateToken } from "./tokens";

/**
 * The rules where events meet rooms. Only an event's organiser opens a room under it, inside its
 * window, from its own question sets; a room under an event admits the event's registered
 * candidates only, each once (their signed candidate token names them, never the payload), and
 * only while the event is open.
 */
export interface EventGate {
  checkCreate(input: {
    eventId: string;
    hostUserId: string;
    setIds: readonly string[];
    now: Date;
  }): Promise<ErrorCode | null>;
  admitJoin(
    code: string,
    candidateToken: string | undefined,
    now: Date,
  ): Promise<{ ok: true; candidateId?: string } | { ok: false; error: ErrorCode }>;
}

/** Rooms whose event is known: a room's event never changes, so a join costs no query after the first. */
const CACHE_LIMIT = 10_000;

export function createEventGate(events: EventRepository, secret: string): EventGate {
  const known = new Map<string, RoomEventInfo | null>();

  async function eventOf(code: string): Promise<{ event: RoomEventInfo | null } | null> {
    if (known.has(code)) return { event: known.get(code) ?? null };
    const found = await events.roomEvent(code);
    // Only an existing room is remembered: an unknown code may yet become a room.
    if (found) {
      if (known.size >= CACHE_LIMIT) known.delete(known.keys().next().value as string);
      known.set(code, found.event);
    }
    return found;
  }

  return {
    async checkCreate({ eventId, hostUserId, setIds, now }) {
      const [role, event] = await Promise.all([events.roleOf(hostUserId), events.get(eventId)]);
      if (!role || !canOrganise(role)) return "NOT_ORGANISER";
      if (!event || event.organiserId !== hostUserId) return "EVENT_NOT_FOUND";
      if (now >= event.endsAt) return "EVENT_CLOSED";
      if (setIds.length > 0 && !(await events.eventHasSets(eventId, setIds))) {
        return "QUESTION_SET_NOT_FOUND";
      }
      return null;
    },

    async admitJoin(code, candidateToken, now) {
      const room = await eventOf(code);
      // Not an event room (or no room at all: the engine answers that, as for any join).
      if (!room?.event) return { ok: true };
      const { event } = room;
      const claims = candidateToken ? await verifyCandidateToken(candidateToken, secret) : null;
      if (!claims || claims.eventId !== event.eventId)
        return { ok: false, error: "NOT_A_CANDIDATE" };
      if (now < event.startsAt) return { ok: false, error: "EVENT_NOT_OPEN" };
      if (now >= event.endsAt) return { ok: false, error: "EVENT_CLOSED" };
      const candidate = await events.candidate(claims.candidateId);
      if (!candidate || candidate.eventId !== event.eventId) {
        return { ok: false, error: "NOT_A_CANDIDATE" };
      }
      return { ok: true, candidateId: candidate.id };
    },
  };
}

const gates = new WeakMap<EventRepository, EventGate>();

/** One gate (and one cache) per repository, so every socket of a process shares it. */
export function eventGateFor(events: EventRepository, secret: string): EventGate {
  let gate = gates.get(events);
  if (!gate) {
    gate = createEventGate(events, secret);
    gates.set(events, gate);
  }
  return gate;
}
