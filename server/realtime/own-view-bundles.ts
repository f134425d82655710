import type { Namespace } from "socket.io";
import { EVENTS } from "@/lib/contract/events";
import type { PlayerView, RoomView } from "@/lib/contract/views";
import { roomWithOwnView } from "./shared-room-frames";
import { channels } from "./socket-types";

/**
 * A reveal (or podium) sends every player the room view with their own view in it. Through the
 * Redis Streams adapter, one emit per player is one stream entry per player (2,000 XADDs of
 * ~2.5 KB at 2,000 players), each read and parsed by every node. Here the room view and every
 * player's own view travel as ONE stream entry (a "bundle", addressed to the room's channel),
 * and each node cuts the bundle into the per-player frames for its own sockets, byte for byte
 * the frames the per-player emits made (`{ ...room, me }`, then the stream offset).
 *
 * Connection-state recovery still works: a reconnecting client's missed packets are read back
 * from the stream, so the bundle is among them; `restoreSession` replaces it with the frame that
 * client's player would have got (found by the player id in the persisted `socket.data`), or
 * drops it for a socket that is not a player (the host gets its own copy separately).
 *
 * This leans on socket.io-adapter's ClusterAdapter (`broadcast`, `onMessage`,
 * `publishAndReturnOffset`, `rooms`) and Socket's `packet`; socket.io and the adapter are pinned.
 */

/** The key that marks a bundle; a client never receives a payload with it. */
export const OWN_VIEWS_KEY = "__ownViews";

export interface OwnViewsBundle {
  [OWN_VIEWS_KEY]: true;
  room: RoomView;
  own: readonly PlayerView[];
}

/** Set on an adapter that cuts bundles; the transport sends per-player emits to any other. */
export const CUTS_BUNDLES = "cutsOwnViewBundles";

/** socket.io-adapter's MessageType.BROADCAST; socket.io-parser's PacketType.EVENT. */
const BROADCAST = 3;
const EVENT = 2;

interface Packet {
  type: number;
  data?: unknown;
  id?: number;
}

interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
  flags?: { local?: boolean; volatile?: boolean };
}

interface ClusterMessage {
  uid: string;
  nsp: string;
  type: number;
  data?: { packet?: Packet; requestId?: string };
}

interface PersistedSession {
  data?: { playerId?: string | null };
  missedPackets: unknown[][];
}

/** The parts of a namespace, its server and its sockets this relies on (some private in TS). */
interface NamespaceLike {
  name: string;
  server: { opts: { connectionStateRecovery?: unknown } };
  sockets: Map<string, { packet(packet: Packet): void }>;
}

/** The parts of socket.io-adapter's ClusterAdapter this relies on. */
interface ClusterAdapterLike {
  uid: string;
  nsp: NamespaceLike;
  rooms: Map<string, Set<string>>;
  broadcast(packet: Packet, opts: BroadcastOptions): unknown;
  onMessage(message: ClusterMessage, offset?: string): unknown;
  publishAndReturnOffset(message: { type: number; data: unknown }): Promise<string>;
  restoreSession(pid: string, offset: string): Promise<PersistedSession | null>;
  [CUTS_BUNDLES]?: boolean;
}

export function ownViewsBundle(room: RoomView, own: readonly PlayerView[]): OwnViewsBundle {
  return { [OWN_VIEWS_KEY]: true, room, own };
}

function bundleIn(data: unknown): OwnViewsBundle | null {
  if (!Array.isArray(data) || data[0] !== EVENTS.roomUpdate) return null;
  const payload: unknown = data[1];
  if (typeof payload !== "object" || payload === null) return null;
  return (payload as Partial<OwnViewsBundle>)[OWN_VIEWS_KEY] === true
    ? (payload as OwnViewsBundle)
    : null;
}

/** Each player's frame to this node's sockets of that player, with the bundle's offset. */
function cut(adapter: ClusterAdapterLike, bundle: OwnViewsBundle, offset: string | undefined) {
  const withOffset =
    offset !== undefined && Boolean(adapter.nsp.server.opts.connectionStateRecovery);
  for (const me of bundle.own) {
    const ids = adapter.rooms.get(channels.player(me.playerId));
    if (!ids) continue;
    for (const id of ids) {
      const socket = adapter.nsp.sockets.get(id);
      if (!socket) continue;
      const data: unknown[] = [EVENTS.roomUpdate, roomWithOwnView(bundle.room, me)];
      if (withOffset) data.push(offset);
      socket.packet({ type: EVENT, data });
    }
  }
}

/** The bundle cut for one restored session: that player's frame, or nothing. */
function restoredFrames(session: PersistedSession): unknown[][] {
  const playerId = session.data?.playerId;
  return session.missedPackets.flatMap((data) => {
    const bundle = bundleIn(data);
    if (!bundle) return [data];
    const me = playerId ? bundle.own.find((view) => view.playerId === playerId) : undefined;
    return me ? [[data[0], { ...bundle.room, me }, ...data.slice(2)]] : [];
  });
}

function install(adapter: ClusterAdapterLike): void {
  const base = Object.getPrototypeOf(adapter) as ClusterAdapterLike;
  adapter.broadcast = function (packet, opts) {
    const bundle = packet.type === EVENT && packet.id === undefined ? bundleIn(packet.data) : null;
    if (!bundle) return base.broadcast.call(this, packet, opts);
    // As ClusterAdapter.broadcast: publish, then deliver here with the offset (or without it,
    // if the publish failed; the other nodes then miss it, as with any broadcast).
    const message = {
      type: BROADCAST,
      data: {
        packet,
        opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags },
      },
    };
    if (opts.flags?.local) return cut(this, bundle, undefined);
    return this.publishAndReturnOffset(message).then(
      (offset) => cut(this, bundle, offset),
      () => cut(this, bundle, undefined),
    );
  };
  adapter.onMessage = function (message, offset) {
    const fromPeer =
      message.type === BROADCAST &&
      message.uid !== this.uid &&
      message.nsp === this.nsp.name &&
      message.data?.requestId === undefined;
    const bundle = fromPeer ? bundleIn(message.data?.packet?.data) : null;
    if (bundle) return cut(this, bundle, offset);
    return base.onMessage.call(this, message, offset);
  };
  adapter.restoreSession = async function (pid, offset) {
    const session = await base.restoreSession.call(this, pid, offset);
    if (session) session.missedPackets = restoredFrames(session);
    return session;
  };
  adapter[CUTS_BUNDLES] = true;
}

/**
 * Wraps a cluster adapter factory (the Redis Streams one) so its adapters cut bundles. Socket.IO
 * calls the factory with `new`, so this is a plain function (which returns the adapter).
 */
export function cuttingOwnViewBundles<F extends (nsp: never) => unknown>(factory: F): F {
  const wrapped = function (nsp: never) {
    const adapter = factory(nsp);
    install(adapter as ClusterAdapterLike);
    return adapter;
  };
  return wrapped as unknown as F;
}

/** Whether this namespace's adapter cuts bundles (only a wrapped cluster adapter does). */
export function cutsBundles(nsp: Namespace): boolean {
  return (nsp.adapter as Partial<ClusterAdapterLike>)[CUTS_BUNDLES] === true;
}
