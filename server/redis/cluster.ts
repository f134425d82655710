import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Logger } from "../logger";
import { cuttingOwnViewBundles } from "../realtime/own-view-bundles";
import type { LimiterFactory } from "../realtime/rate-limits";
import type { RoomBus } from "../realtime/room-bus";
import type { RoomStore } from "../realtime/room-store";
import type { RedisClient } from "./client";
import { redisLimiter } from "./redis-limits";
import { RedisRoomStore } from "./redis-room-store";
import { RedisRoomBus } from "./room-bus";

/** What several nodes share through Redis; server/realtime takes each part through its port. */
export interface RedisCluster {
  store: RoomStore;
  bus: RoomBus;
  /** Socket.IO's adapter factory: broadcasts reach every node's sockets. */
  adapter: ReturnType<typeof createAdapter>;
  limiter: LimiterFactory;
  close(): Promise<void>;
}

/**
 * The Redis side of one node. The Socket.IO adapter is the Redis Streams one: unlike the pub/sub
 * adapter it keeps connection-state recovery working across nodes (a reconnecting client's
 * missed packets are read back from the stream, and its session is kept in Redis). One prefix
 * keeps an installation's keys, streams and channels together (and tests apart).
 */
export async function startRedisCluster(opts: {
  client: RedisClient;
  logger: Logger;
  prefix?: string;
  nodeId?: string;
  /** The adapter's XREAD block; shorter lets a test's node shut down sooner. */
  blockTimeInMs?: number;
}): Promise<RedisCluster> {
  const prefix = opts.prefix ?? "ka:";
  const bus = await RedisRoomBus.start({
    client: opts.client,
    logger: opts.logger,
    prefix,
    nodeId: opts.nodeId,
  });
  // Each reveal's per-player frames as one stream entry, not one per player.
  const adapter = cuttingOwnViewBundles(
    createAdapter(opts.client, {
      streamName: `${prefix}socket.io`,
      channelPrefix: `${prefix}socket.io`,
      sessionKeyPrefix: `${prefix}sio:session:`,
      blockTimeInMs: opts.blockTimeInMs ?? 5_000,
    }),
  );
  return {
    store: new RedisRoomStore(opts.client, prefix),
    bus,
    adapter,
    limiter: redisLimiter(opts.client, prefix),
    close: () => bus.close(),
  };
}
