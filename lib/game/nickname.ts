import { remove as removeConfusables } from "confusables";

/**
 * Nickname rules, shared by the join form and the server. A nickname is shown on the big screen
 * next to other people's, so it must not be able to look like someone else's or like nothing:
 *
 * - NFKC first (fullwidth "ＡＮＡ" is "ANA"; ligatures and compatibility forms unfold);
 * - refused outright (NICKNAME_INVALID): control characters, format characters (bidirectional
 *   controls U+202A-202E, U+2066-2069, U+200E/F, U+061C, zero-width U+200B-200D, U+FEFF, soft
 *   hyphen...), every default-ignorable code point (Hangul fillers, variation selectors, tag
 *   characters), private-use code points and lone surrogates, line/paragraph separators, blank
 *   look-alikes (U+2800), and stacks of more than two combining marks ("Zalgo" text that
 *   overdraws its neighbours);
 * - whitespace runs collapse to one space, then 1 to 20 characters must remain;
 * - two nicknames in one room may not share a confusables skeleton (see `nicknameKeys`).
 *
 * Unassigned code points are not refused: the browser's Unicode tables may be older than the
 * server's, and a new emoji must not be refused on one side only.
 *
 * Pure and isomorphic (no Node built-ins): the `confusables` package is plain data + a map.
 */

export { NICKNAME_MAX, normaliseNickname, type NicknameResult } from "./nickname-format";

/**
 * Unicode TR39 compares identifiers by a "skeleton": every character replaced by its prototype
 * from confusables.txt. The maintained `confusables` npm package is not a full TR39 skeleton: it
 * maps look-alikes of Latin letters and digits (Cyrillic "А", Greek "Α", mathematical and
 * accented letters) to their plain Latin letter and strips combining marks, and leaves other
 * scripts untouched. That is the case that matters here (a name made to look like a Latin one),
 * so we use it and add the few Latin-internal confusables TR39 lists that it lacks (I/l/1/|,
 * O/0, rn/m, vv/w). It over-merges a little (accents are dropped, so "José" and "Jose" collide):
 * harmless for nicknames in one room, where the cost is picking another name.
 *
 * Two keys, compared like with like: the case-folded form (so "Ana" and "ana" collide) and the
 * skeleton, case-sensitive as in TR39 (so "AIice" with a capital I collides with "Alice", while
 * "Ian" and "Lan" stay apart).
 */
export function nicknameKeys(nickname: string): readonly [folded: string, skeleton: string] {
  const cached = cache.get(nickname);
  if (cached) return cached;
  const latin = removeConfusables(nickname.normalize("NFKC")).replace(/\s+/g, " ").trim();
  const folded = latin.toLowerCase();
  const skeleton = latin
    .replace(/[I1|\u01C0]/g, "l")
    .replace(/0/g, "O")
    .replace(/rn/g, "m")
    .replace(/vv/g, "w");
  const keys = [folded, skeleton] as const;
  // Bounded memo: views and kicks ask again for names already seen.
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(nickname, keys);
  return keys;
}

const CACHE_MAX = 20_000;
const cache = new Map<string, readonly [string, string]>();

/** True when the two nicknames would be mistaken for each other on the big screen. */
export function nicknamesCollide(a: string, b: string): boolean {
  const [foldedA, skeletonA] = nicknameKeys(a);
  const [foldedB, skeletonB] = nicknameKeys(b);
  return foldedA === foldedB || skeletonA === skeletonB;
}

/**
 * The keys a room indexes a nickname under (RoomState.nicknames): two nicknames collide exactly
 * when they share one of these, so a join is one look-up per key instead of a scan of the room.
 */
export function nicknameIndexKeys(nickname: string): readonly [string, string] {
  const [folded, skeleton] = nicknameKeys(nickname);
  return [`f:${folded}`, `s:${skeleton}`];
}
