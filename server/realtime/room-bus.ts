import type { Result } from "@/lib/contract/errors";
import type { EngineEvent } from "@/lib/game/types";
import type { PlayerSeat } from "./player-seat";

/** An event another node received for a room this node drives. */
export interface ForwardRequest {
  code: string;
  event: EngineEvent;
  /** When the first node received it: answers are timed by arrival, wherever they arrived. */
  receivedAt: number;
  /** The player whose seat (room and own view) goes back: a join or a resume shows it. */
  seatFor?: string;
}

/** The verdict, with the seat when one was asked for. */
export type ForwardReply = Result<PlayerSeat | null>;

/**
 * How nodes hand a room's events to the node that drives it (the lease holder). Absent on a
 * single node. RedisRoomBus (server/redis/room-bus.ts) is the real one. `forward` never
 * rejects: an unreachable node is BUSY (the client retries, by then the lease has moved).
 */
export interface RoomBus {
  readonly nodeId: string;
  forward(node: string, request: ForwardRequest): Promise<ForwardReply>;
  serve(handler: (request: ForwardRequest) => Promise<ForwardReply>): void;
  close(): Promise<void>;
}
