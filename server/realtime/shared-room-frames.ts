import type { PlayerView, RoomUpdate, RoomView } from "@/lib/contract/views";

/**
 * A reveal sends every player their own copy of the room view with their own view in it (one
 * frame instead of two). Serialised naively, that is the whole room view (~2 KB: question, key,
 * explanation, top 10) once per player: at 10,000 players ~6x the encoding time of one room
 * broadcast plus a small frame each. Here the room view is serialised once per send and each
 * player's frame is that text with `"me":{...}` spliced in, byte for byte what JSON.stringify
 * would have made of `{ ...room, me }`.
 *
 * The link from a frame to its shared text is a non-enumerable symbol, so anything that copies
 * the payload (a Redis adapter's msgpack, connection-state recovery) sees a plain RoomUpdate and
 * the default encoder serialises it in full: slower, never different.
 */

const SHARED = Symbol("shared room view");
/** socket.io-parser's PacketType.EVENT. */
const EVENT = 2;

interface SharedRoom {
  room: RoomView;
  /** Made at the first send and reused by every other player's frame. */
  json: string | null;
}

interface Packet {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
}

type Marked = RoomUpdate & { [SHARED]?: SharedRoom };

const shared = new WeakMap<RoomView, SharedRoom>();

/** `{ ...room, me }`, marked so the encoder reuses `room`'s text across every player's frame. */
export function roomWithOwnView(room: RoomView, me: PlayerView): RoomUpdate {
  let entry = shared.get(room);
  if (!entry) {
    entry = { room, json: null };
    shared.set(room, entry);
  }
  const update: Marked = { ...room, me };
  Object.defineProperty(update, SHARED, { value: entry, enumerable: false });
  return update;
}

/** The packet's text when it carries a marked room update; null leaves it to the default. */
export function encodeSharedFrame(packet: Packet): string | null {
  if (packet.type !== EVENT || packet.id != null || !Array.isArray(packet.data)) return null;
  const [event, payload, ...rest] = packet.data as [unknown, unknown, ...unknown[]];
  if (typeof event !== "string" || typeof payload !== "object" || payload === null) return null;
  const entry = (payload as Marked)[SHARED];
  if (!entry) return null;
  entry.json ??= JSON.stringify(entry.room);
  // A room view always has keys; "{}" could not take a "," before "me".
  if (!entry.json.startsWith("{") || entry.json.length < 3) return null;
  const me = JSON.stringify((payload as Marked).me);
  const own = me === undefined ? "" : `,"me":${me}`;
  // Connection-state recovery appends the packet's offset to the arguments.
  const tail = rest.length > 0 ? `,${JSON.stringify(rest).slice(1, -1)}` : "";
  const nsp = packet.nsp && packet.nsp !== "/" ? `${packet.nsp},` : "";
  return `${packet.type}${nsp}[${JSON.stringify(event)},${entry.json.slice(0, -1)}${own}}${tail}]`;
}

/**
 * Puts the fast path in front of a Socket.IO server's encoder (the one its adapter and clients
 * use), without replacing the parser: every other packet goes to the default encoder unchanged.
 */
export function installSharedFrameEncoder(io: { encoder: unknown }): void {
  const encoder = io.encoder as { encode(packet: Packet): unknown[] };
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (packet: Packet) => {
    const text = encodeSharedFrame(packet);
    return text === null ? encode(packet) : [text];
  };
}
