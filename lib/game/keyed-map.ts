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
 */
export interface KeyedMap<V> {
  size: number;
  /** slot -> slot -> key -> value; empty nodes are removed. */
  root: Record<string, Record<string, Record<string, V>>>;
}

const BITS = 6;
const MASK = (1 << BITS) - 1;

export function emptyKeyedMap<V>(): KeyedMap<V> {
  return { size: 0, root: {} };
}

/** FNV-1a over UTF-16 code units: cheap, and spreads short ids and nickname keys well. */
function slots(key: string): [string, string] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return [String(hash & MASK), String((hash >>> BITS) & MASK)];
}

// Own-property reads, so a key such as "constructor" never finds Object.prototype's members.
const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

export function keyedGet<V>(map: KeyedMap<V>, key: string): V | undefined {
  const [a, b] = slots(key);
  return own(own(own(map.root, a), b), key);
}

export function keyedHas<V>(map: KeyedMap<V>, key: string): boolean {
  const [a, b] = slots(key);
  const leaf = own(own(map.root, a), b);
  return leaf !== undefined && Object.hasOwn(leaf, key);
}

export function keyedSet<V>(map: KeyedMap<V>, key: string, value: V): KeyedMap<V> {
  const [a, b] = slots(key);
  const inner = own(map.root, a) ?? {};
  const leaf = own(inner, b) ?? {};
  const added = Object.hasOwn(leaf, key) ? 0 : 1;
  return {
    size: map.size + added,
    root: { ...map.root, [a]: { ...inner, [b]: { ...leaf, [key]: value } } },
  };
}

export function keyedDelete<V>(map: KeyedMap<V>, key: string): KeyedMap<V> {
  const [a, b] = slots(key);
  const inner = own(map.root, a);
  const leaf = own(inner, b);
  if (!inner || !leaf || !Object.hasOwn(leaf, key)) return map;
  const { [key]: _gone, ...restLeaf } = leaf;
  const { [b]: _leaf, ...restInner } = inner;
  const nextInner = Object.keys(restLeaf).length > 0 ? { ...restInner, [b]: restLeaf } : restInner;
  const { [a]: _inner, ...restRoot } = map.root;
  return {
    size: map.size - 1,
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
  // Object.fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
  const root = Object.fromEntries(
    Object.entries(map.root).map(([a, inner]) => [
      a,
      Object.fromEntries(
        Object.entries(inner).map(([b, leaf]) => [
          b,
          Object.fromEntries(Object.entries(leaf).map(([key, value]) => [key, update(value, key)])),
        ]),
      ),
    ]),
  );
  return { size: map.size, root };
}
