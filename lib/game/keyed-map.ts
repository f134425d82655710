/**
 * A persistent string-keyed map made of plain objects, for room state that grows with the room
 * (one answer per player, one nickname key per player).
 *
 * Why not a plain Record: the engine never mutates its input, so adding one entry to a Record
 * copies all of it, and a question answered by N players cost O(N²). Here entries sit in a
 * two-level, 64-way hash trie: setting or deleting a key copies the root (at most 64 slots), one
 * inner node (at most 64) and one leaf (N / 4096 entries on average), and shares everything else
 * with the previous version. That bound does not grow with a room's size up to far beyond its
 * limit. It stays plain JSON data (a RoomStore can serialise it) and is never mutated, so frozen
 * inputs and refused events keep working as before. Iteration order is the hash order, not
 * insertion order: use it only where order does not matter.
 *
 * The bound holds only while keys spread over the slots. Nicknames are chosen by players, so
 * with a fixed hash anyone could compute thousands that share one leaf and make every join copy
 * all of them again (O(N²) once more). The hash is therefore keyed with a secret seed per room
 * (from the server's CSPRNG, see createRoomState), carried in the map so a serialised room
 * hashes the same way wherever it is read.
 */
export interface KeyedMap<V> {
  size: number;
  seed: HashSeed;
  /** slot -> slot -> key -> value; empty nodes are removed. */
  root: Record<string, Record<string, Record<string, V>>>;
}

/** 64 secret bits as two unsigned 32-bit words. */
export type HashSeed = readonly [number, number];

const BITS = 6;
const MASK = (1 << BITS) - 1;

export function emptyKeyedMap<V>(seed: HashSeed): KeyedMap<V> {
  return { size: 0, seed, root: {} };
}

/** An empty map hashed like `map` (e.g. the next question's answers). */
export function keyedCleared<V>(map: KeyedMap<V>): KeyedMap<V> {
  return emptyKeyedMap(map.seed);
}

/**
 * HalfSipHash-1-3 (the keyed hash Linux uses for its hash tables) over the key's UTF-16 code
 * units, two per 32-bit word: without the seed, which keys share a slot cannot be predicted.
 */
export function keyedHash(seed: HashSeed, key: string): number {
  const [k0, k1] = seed;
  V[0] = k0;
  V[1] = k1;
  V[2] = 0x6c796765 ^ k0;
  V[3] = 0x74656462 ^ k1;
  const n = key.length;
  for (let i = 0; i + 1 < n; i += 2) absorb(key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16));
  // The last word holds the length (as SipHash's last block does) and any odd code unit.
  absorb(((n & 0xffff) << 16) | (n % 2 === 1 ? key.charCodeAt(n - 1) : 0));
  V[2] = V[2] ^ 0xff;
  round();
  round();
  round();
  return (V[1] ^ V[3]) >>> 0;
}

/** The hash state, reused by every call (the engine is single-threaded and never re-enters). */
const V = new Int32Array(4);

function absorb(m: number): void {
  V[3] = V[3]! ^ m;
  round();
  V[0] = V[0]! ^ m;
}

/** SipRound on 32-bit words. Locals, not a closure over `let`s: that ran ~6x slower. */
function round(): void {
  let v0 = V[0]!;
  let v1 = V[1]!;
  let v2 = V[2]!;
  let v3 = V[3]!;
  v0 = (v0 + v1) | 0;
  v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0;
  v0 = (v0 << 16) | (v0 >>> 16);
  v2 = (v2 + v3) | 0;
  v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
  v0 = (v0 + v3) | 0;
  v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
  v2 = (v2 + v1) | 0;
  v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2;
  v2 = (v2 << 16) | (v2 >>> 16);
  V[0] = v0;
  V[1] = v1;
  V[2] = v2;
  V[3] = v3;
}

/**
 * The two slots of `key`, as numbers: an integer key reads a plain object's elements without
 * making a string, and no integer is a member of Object.prototype, so the two upper levels need
 * no own-property check (the leaf, keyed by the caller's strings, does).
 */
function slots(map: KeyedMap<unknown>, key: string): [number, number] {
  const hash = keyedHash(map.seed, key);
  return [hash & MASK, (hash >>> BITS) & MASK];
}

// Own-property reads, so a key such as "constructor" never finds Object.prototype's members.
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function leafOf<V>(map: KeyedMap<V>, key: string): Record<string, V> | undefined {
  const hash = keyedHash(map.seed, key);
  return map.root[hash & MASK]?.[(hash >>> BITS) & MASK];
}

export function keyedGet<V>(map: KeyedMap<V>, key: string): V | undefined {
  return own(leafOf(map, key), key);
}

export function keyedHas<V>(map: KeyedMap<V>, key: string): boolean {
  const leaf = leafOf(map, key);
  return leaf !== undefined && Object.hasOwn(leaf, key);
}

export function keyedSet<V>(map: KeyedMap<V>, key: string, value: V): KeyedMap<V> {
  const [a, b] = slots(map, key);
  const inner = map.root[a] ?? {};
  const leaf = inner[b] ?? {};
  const added = Object.hasOwn(leaf, key) ? 0 : 1;
  return {
    size: map.size + added,
    seed: map.seed,
    root: { ...map.root, [a]: { ...inner, [b]: { ...leaf, [key]: value } } },
  };
}

export function keyedDelete<V>(map: KeyedMap<V>, key: string): KeyedMap<V> {
  const [a, b] = slots(map, key);
  const inner = map.root[a];
  const leaf = inner?.[b];
  if (!inner || !leaf || !Object.hasOwn(leaf, key)) return map;
  const { [key]: _gone, ...restLeaf } = leaf;
  const { [b]: _leaf, ...restInner } = inner;
  const nextInner = Object.keys(restLeaf).length > 0 ? { ...restInner, [b]: restLeaf } : restInner;
  const { [a]: _inner, ...restRoot } = map.root;
  return {
    size: map.size - 1,
    seed: map.seed,
    root: Object.keys(nextInner).length > 0 ? { ...restRoot, [a]: nextInner } : restRoot,
  };
}

/** Every value, in no particular order. O(size). */
export function keyedValues<V>(map: KeyedMap<V>): V[] {
  const out: V[] = [];
  for (const inner of Object.values(map.root)) {
    for (const leaf of Object.values(inner)) out.push(...Object.values(leaf));
  }
  return out;
}

/** Every key, in no particular order. O(size). */
export function keyedKeys<V>(map: KeyedMap<V>): string[] {
  const out: string[] = [];
  for (const inner of Object.values(map.root)) {
    for (const leaf of Object.values(inner)) out.push(...Object.keys(leaf));
  }
  return out;
}

/**
 * Every value replaced by `update(value, key)`, in one O(size) pass that copies each node once
 * (for changes that touch every entry, such as scores at a reveal, where n sets would copy more).
 */
export function keyedUpdateAll<V>(
  map: KeyedMap<V>,
  update: (value: V, key: string) => V,
): KeyedMap<V> {
  const root: KeyedMap<V>["root"] = {};
  // The two upper levels are keyed by slot numbers ("0".."63"); only a leaf holds callers' keys.
  for (const a in map.root) {
    const inner = map.root[a]!;
    const nextInner: Record<string, Record<string, V>> = {};
    for (const b in inner) {
      const leaf = inner[b]!;
      const nextLeaf: Record<string, V> = {};
      for (const key in leaf) setOwn(nextLeaf, key, update(leaf[key]!, key));
      nextInner[b] = nextLeaf;
    }
    root[a] = nextInner;
  }
  return { size: map.size, seed: map.seed, root };
}

/**
 * A map holding `entries`, hashed with `seed`: what a store that keeps entries apart (one Redis
 * hash field each) reads back. The same trie keyedSet builds, built in one O(size) pass.
 */
export function keyedFromEntries<V>(
  seed: HashSeed,
  entries: Iterable<readonly [string, V]>,
): KeyedMap<V> {
  const map = emptyKeyedMap<V>(seed);
  const root: Record<string, Record<string, Record<string, V>>> = {};
  for (const [key, value] of entries) {
    const [a, b] = slots(map, key);
    const inner = (root[a] ??= {});
    const leaf = (inner[b] ??= {});
    if (!Object.hasOwn(leaf, key)) map.size++;
    setOwn(leaf, key, value);
  }
  return { ...map, root };
}

/** Sets an own property, so a key such as "__proto__" stays a plain key. */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key !== "__proto__") {
    record[key] = value;
    return;
  }
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** What changed from `before` to `after`: keys set (new or another value) and keys deleted. */
export interface KeyedChanges<V> {
  set: [string, V][];
  deleted: string[];
}

/**
 * The changes between two versions of a map, found by identity: keyedSet and keyedDelete share
 * every untouched node with the previous version, so only the copied path is walked (a join or
 * an answer costs O(64 + leaf), not O(size)). A value replaced by an equal copy counts as set.
 * Null when the two were hashed with different seeds (not versions of one map).
 */
export function keyedChanges<V>(before: KeyedMap<V>, after: KeyedMap<V>): KeyedChanges<V> | null {
  if (before.seed[0] !== after.seed[0] || before.seed[1] !== after.seed[1]) return null;
  const changes: KeyedChanges<V> = { set: [], deleted: [] };
  if (before.root === after.root) return changes;
  walkChanged(after.root, before.root, (key, value, old) => {
    if (value !== old || old === undefined) changes.set.push([key, value]);
  });
  walkChanged(before.root, after.root, (key, _value, now) => {
    if (now === undefined) changes.deleted.push(key);
  });
  return changes;
}

/** Calls `visit(key, value, other's value)` for every entry of `root` under a node `other` lacks. */
function walkChanged<V>(
  root: KeyedMap<V>["root"],
  other: KeyedMap<V>["root"],
  visit: (key: string, value: V, otherValue: V | undefined) => void,
): void {
  for (const [a, inner] of Object.entries(root)) {
    const otherInner = own(other, a);
    if (otherInner === inner) continue;
    for (const [b, leaf] of Object.entries(inner)) {
      const otherLeaf = own(otherInner, b);
      if (otherLeaf === leaf) continue;
      for (const [key, value] of Object.entries(leaf)) {
        const present = otherLeaf !== undefined && Object.hasOwn(otherLeaf, key);
        visit(key, value, present ? otherLeaf[key] : undefined);
      }
    }
  }
}
