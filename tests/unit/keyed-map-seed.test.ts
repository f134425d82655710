import { describe, expect, it } from "vitest";
import {
  emptyKeyedMap,
  keyedGet,
  keyedHash,
  keyedSet,
  type HashSeed,
  type KeyedMap,
} from "@/lib/game/keyed-map";

/**
 * The keyed map's bound (a set copies one small leaf) holds only while keys spread. Nicknames
 * are players' choice: with a known hash anyone can compute keys that share one leaf. Keyed
 * with a secret seed, the same keys spread like any others.
 */

const SLOT_BITS = 12; // two 64-way levels
const slotOf = (seed: HashSeed, key: string) => keyedHash(seed, key) & ((1 << SLOT_BITS) - 1);

function largestLeaf(map: KeyedMap<unknown>): number {
  let largest = 0;
  for (const inner of Object.values(map.root)) {
    for (const leaf of Object.values(inner)) largest = Math.max(largest, Object.keys(leaf).length);
  }
  return largest;
}

/** What an attacker who knows `seed` does: search for keys that all land in slot 0. */
function collidingKeys(seed: HashSeed, count: number): string[] {
  const found: string[] = [];
  for (let i = 0; found.length < count; i++) {
    const key = `f:nick${i}`;
    if (slotOf(seed, key) === 0) found.push(key);
  }
  return found;
}

describe("keyed map hash seed", () => {
  const known: HashSeed = [0x01234567, 0x89abcdef];
  const secret: HashSeed = [0x9e3779b9, 0x7f4a7c15];

  it("crafted keys pile into one leaf only under the seed they were made for", () => {
    const keys = collidingKeys(known, 200);
    const fill = (seed: HashSeed) =>
      keys.reduce((map, key, i) => keyedSet(map, key, i), emptyKeyedMap<number>(seed));
    expect(largestLeaf(fill(known))).toBe(200);
    // 200 keys over 4,096 leaves: a handful at most share one.
    expect(largestLeaf(fill(secret))).toBeLessThanOrEqual(6);
    const map = fill(secret);
    expect(keys.every((key, i) => keyedGet(map, key) === i)).toBe(true);
  });

  it("spreads a big room's ids evenly", () => {
    let map = emptyKeyedMap<number>(secret);
    for (let i = 0; i < 10_000; i++) map = keyedSet(map, `player-${i}`, i);
    expect(map.size).toBe(10_000);
    // 10,000 keys over 4,096 leaves average 2.4; a uniform hash keeps the fullest near 10.
    expect(largestLeaf(map)).toBeLessThanOrEqual(14);
  });

  it("depends on every bit of the seed and on every code unit of the key", () => {
    const base = keyedHash(secret, "ann");
    expect(keyedHash([secret[0] ^ 1, secret[1]], "ann")).not.toBe(base);
    expect(keyedHash([secret[0], secret[1] ^ 0x80000000], "ann")).not.toBe(base);
    expect(keyedHash(secret, "anm")).not.toBe(base);
    // The length is hashed: a trailing NUL is a different key.
    expect(keyedHash(secret, "ann\u0000")).not.toBe(base);
    expect(keyedHash(secret, "")).not.toBe(keyedHash(secret, "\u0000"));
    expect(keyedHash(secret, "ann")).toBe(base);
  });

  it("keeps its seed through a JSON round trip (a RoomStore may serialise the state)", () => {
    const map = keyedSet(emptyKeyedMap<number>(secret), "ann", 1);
    const copy = JSON.parse(JSON.stringify(map)) as KeyedMap<number>;
    expect(copy.seed).toEqual(secret);
    expect(keyedGet(copy, "ann")).toBe(1);
  });
});
