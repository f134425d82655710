/**
 * Text form of what leaves the process: a room's stored record (Redis) and a forwarded event
 * (server/redis/room-bus.ts). Room state is plain JSON by design (KeyedMap, not Map), but two
 * things are not: a coding submission's body is a Uint8Array, and a future Map, Set, NaN or
 * `undefined` inside an array would turn silently into `{}`, `null` or a hole under
 * JSON.stringify. So bytes get a tagged form, and anything else JSON cannot carry throws here,
 * loudly, instead of corrupting a room on another node.
 */

export class RoomCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RoomCodecError";
  }
}

const BYTES = "$bytes";

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    // JSON.stringify has already called toJSON on Dates: they arrive here as strings, which would
    // not come back as Dates. The holder still has the original.
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof Date) throw new RoomCodecError(`Date at "${key}"`);
    if (v instanceof Uint8Array) return { [BYTES]: Buffer.from(v).toString("base64") };
    if (v instanceof Map || v instanceof Set) throw new RoomCodecError(`Map/Set at "${key}"`);
    if (ArrayBuffer.isView(v)) throw new RoomCodecError(`typed array at "${key}"`);
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new RoomCodecError(`non-finite number at "${key}"`);
    }
    if (typeof v === "bigint" || typeof v === "function" || typeof v === "symbol") {
      throw new RoomCodecError(`${typeof v} at "${key}"`);
    }
    if (Array.isArray(v) && v.includes(undefined)) {
      throw new RoomCodecError(`undefined in array at "${key}"`);
    }
    return v;
  });
}

export function decodeJson<T>(text: string): T {
  let parsed: unknown;
  try {
    // Without a tagged form in the text (encodeJson never escapes "$" or letters) the reviver has
    // nothing to do: plain JSON.parse is several times faster on a large room.
    if (!text.includes(BYTES) && !text.includes("\\u")) return JSON.parse(text) as T;
    parsed = JSON.parse(text, (_key, v: unknown) => {
      if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        const bytes = (v as Record<string, unknown>)[BYTES];
        if (typeof bytes === "string" && Object.keys(v).length === 1) {
          return new Uint8Array(Buffer.from(bytes, "base64"));
        }
      }
      return v;
    });
  } catch (error) {
    throw new RoomCodecError(`not JSON: ${String(error)}`);
  }
  return parsed as T;
}
