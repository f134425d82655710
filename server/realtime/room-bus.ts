import type { Result } from "@/lib/contract/errors";
import type { EngineEvent, RoomState } from "@/lib/game/types";

/** An event another node received for a room this node drives. */
export interface ForwardRequest {
  code: string;
  event: EngineEvent;
  /** When the first node received it: answers are timed by arrival, wherever they arrived. */
  receivedAt: number;
  /** Send the committed state back (a join or a resume needs it; an answer does not). */
  wantState: boolean;
}

export type ForwardReply = Result<RoomState | null>;

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
