import { randomUUID } from "node:crypto";
import { err } from "@/lib/contract/errors";
import type { Logger } from "../logger";
import { decodeJson, encodeJson } from "../realtime/room-codec";
import type { ForwardReply, ForwardRequest, RoomBus } from "../realtime/room-bus";
import type { RedisClient } from "./client";

/** Longer than a database write may take (DB_QUERY_TIMEOUT_MS) and under the client's 8 s. */
export const FORWARD_TIMEOUT_MS = 7_000;

type Message =
  | { kind: "request"; id: string; from: string; request: ForwardRequest }
  | { kind: "reply"; id: string; reply: ForwardReply };

interface Pending {
  resolve: (reply: ForwardReply) => void;
  timer: NodeJS.Timeout;
}

/**
 * RoomBus over Redis pub/sub: every node listens on its own channel (`<prefix>node:<id>`); a
 * request names the channel to answer on. Pub/sub delivers at most once and only to a node that
 * is listening now, which is what forwarding wants: PUBLISH tells how many received it, so a
 * request to a dead node is refused at once (BUSY) instead of waiting out the timeout, and
 * nothing stale is replayed to a node that comes back. Why forwarding and not every node
 * applying events itself under a version check: a room's timers, broadcast throttles and answer
 * batching (group commit) all assume one queue per room; one writer keeps them true.
 */
export class RedisRoomBus implements RoomBus {
  private handler: ((request: ForwardRequest) => Promise<ForwardReply>) | null = null;
  private readonly pending = new Map<string, Pending>();

  private constructor(
    private readonly client: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    readonly nodeId: string,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  static async start(opts: {
    client: RedisClient;
    logger: Logger;
    prefix?: string;
    nodeId?: string;
    timeoutMs?: number;
  }): Promise<RedisRoomBus> {
    const subscriber = opts.client.duplicate();
    subscriber.on("error", () => undefined); // the main client reports outages
    await subscriber.connect();
    const bus = new RedisRoomBus(
      opts.client,
      subscriber,
      opts.prefix ?? "ka:",
      opts.nodeId ?? randomUUID(),
      opts.logger,
      opts.timeoutMs ?? FORWARD_TIMEOUT_MS,
    );
    await subscriber.subscribe(bus.channel(bus.nodeId), (text) => bus.receive(text));
    return bus;
  }

  serve(handler: (request: ForwardRequest) => Promise<ForwardReply>): void {
    this.handler = handler;
  }

  forward(node: string, request: ForwardRequest): Promise<ForwardReply> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, err("BUSY")), this.timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, timer });
      const message: Message = { kind: "request", id, from: this.nodeId, request };
      this.client.publish(this.channel(node), encodeJson(message)).then(
        (receivers) => {
          if (receivers === 0) this.settle(id, err("BUSY"));
        },
        () => this.settle(id, err("BUSY")),
      );
    });
  }

  async close(): Promise<void> {
    for (const id of [...this.pending.keys()]) this.settle(id, err("BUSY"));
    this.subscriber.destroy();
    return Promise.resolve();
  }

  private channel(node: string): string {
    return `${this.prefix}node:${node}`;
  }

  private settle(id: string, reply: ForwardReply): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(reply);
  }

  private receive(text: string): void {
    let message: Message;
    try {
      message = decodeJson<Message>(text);
    } catch (error) {
      this.logger.warn("bad room bus message", { error: String(error) });
      return;
    }
    if (message.kind === "reply") return this.settle(message.id, message.reply);
    void this.answer(message);
  }

  private async answer(message: Extract<Message, { kind: "request" }>): Promise<void> {
    const { id, from, request } = message;
    let reply: ForwardReply = err("BUSY");
    try {
      if (this.handler) reply = await this.handler(request);
    } catch (error) {
      this.logger.error("forwarded event failed", { code: request.code, error: String(error) });
      reply = err("INTERNAL");
    }
    // An answer's verdict is all the sender needs; a join's or a resume's seat (two views, not
    // the state that grows with the room) travels back for the caller to show.
    const answer: Message = { kind: "reply", id, reply };
    await this.client.publish(this.channel(from), encodeJson(answer)).catch((error: unknown) => {
      this.logger.warn("room bus reply lost", { code: request.code, error: String(error) });
    });
  }
}
