import { err, type Result } from "@/lib/contract/errors";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { seatOf, type PlayerSeat } from "./player-seat";
import type { Logger } from "../logger";
import type { RoomBus } from "./room-bus";
import type { RoomLeases } from "./room-leases";
import type { RoomStore } from "./room-store";

/** A request refused BUSY this soon after it arrived is tried once more (route()). */
const RETRY_WITHIN_MS = 2_000;

export interface RoomRouterDeps {
  store: RoomStore;
  leases: RoomLeases;
  bus?: RoomBus;
  nodeId: string;
  logger: Logger;
  now: () => number;
  /** Queues the event on this node, which drives the room. */
  push(code: string, event: EngineEvent, receivedAt: number): Promise<Result<RoomState>>;
}

export interface RouteOptions {
  /** False for an event another node forwarded here: it is not forwarded again. */
  mayForward: boolean;
  /** The player whose seat the caller shows (a join, a resume); absent: the verdict only. */
  seatFor?: string;
}

/**
 * Where a room's event is applied: here when this node drives the room (holds its lease), else
 * on the node that does (forwarded over the bus), else here after taking the room over (its node
 * died, or the lease is ours but our copy went stale).
 */
export class RoomRouter {
  constructor(private readonly deps: RoomRouterDeps) {}

  /** Never rejects: a store that cannot be reached (Redis down) is BUSY, and the client retries. */
  async route(
    code: string,
    event: EngineEvent,
    receivedAt: number,
    opts: RouteOptions,
  ): Promise<Result<PlayerSeat | null>> {
    for (let attempt = 1; ; attempt++) {
      let result: Result<PlayerSeat | null>;
      try {
        result = await this.routeOrThrow(code, event, receivedAt, opts);
      } catch (error) {
        this.deps.logger.warn("room store unavailable", { code, error: String(error) });
        result = err("BUSY");
      }
      // BUSY here means the room changed hands under the request (a lease moved, a commit was
      // fenced, a copy was behind): one more try reaches the current driver and state, unless
      // the request has waited long already.
      const quick = this.deps.now() - receivedAt < RETRY_WITHIN_MS;
      if (result.ok || result.error !== "BUSY" || attempt >= 2 || !quick) return result;
    }
  }

  private async routeOrThrow(
    code: string,
    event: EngineEvent,
    receivedAt: number,
    { mayForward, seatFor }: RouteOptions,
  ): Promise<Result<PlayerSeat | null>> {
    const { store, bus, leases, nodeId } = this.deps;
    if (leases.holds(code)) return this.here(code, event, receivedAt, seatFor);
    const holder = await store.leaseHolder(code);
    if (holder !== null && holder !== nodeId) {
      if (!bus || !mayForward) return err("BUSY");
      return bus.forward(holder, { code, event, receivedAt, ...(seatFor && { seatFor }) });
    }
    // Nobody drives it (its node died, or it is ours but our copy went stale): take it over.
    if (!(await store.has(code))) return err("ROOM_NOT_FOUND");
    if (await leases.take(code)) return this.here(code, event, receivedAt, seatFor);
    const winner = await store.leaseHolder(code);
    if (!bus || !mayForward || winner === null || winner === nodeId) return err("BUSY");
    return bus.forward(winner, { code, event, receivedAt, ...(seatFor && { seatFor }) });
  }

  private async here(
    code: string,
    event: EngineEvent,
    receivedAt: number,
    seatFor: string | undefined,
  ): Promise<Result<PlayerSeat | null>> {
    const result = await this.deps.push(code, event, receivedAt);
    if (!result.ok) return result;
    return { ok: true, data: seatFor ? seatOf(result.data, seatFor, this.deps.now()) : null };
  }
}
