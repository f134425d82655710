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

export const NICKNAME_MAX = 20;
/** Longer raw input is refused before any normalisation work. */
const RAW_MAX = 200;

// Cc, Cf, Co, Cs, Zl, Zp and every default-ignorable code point; U+2800 (braille blank)
// renders as an empty cell although it is neither.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;
const MARK_STACK = /\p{M}{3,}/u;

export type NicknameResult =
  { ok: true; nickname: string } | { ok: false; error: "NICKNAME_INVALID" };

/** The nickname as it will be stored and shown, or NICKNAME_INVALID. */
export function normaliseNickname(raw: unknown): NicknameResult {
  if (typeof raw !== "string" || raw.length > RAW_MAX)
    return { ok: false, error: "NICKNAME_INVALID" };
  const nfkc = raw.normalize("NFKC");
  // Ordinary spaces (and tabs or newlines a paste may bring) are fine: they collapse below.
  const withoutSpaces = nfkc.replace(/[\t\n\r ]/g, "");
  if (INVISIBLE.test(withoutSpaces) || MARK_STACK.test(nfkc)) {
    return { ok: false, error: "NICKNAME_INVALID" };
  }
  const nickname = nfkc.replace(/\s+/g, " ").trim();
  const length = [...nickname].length;
  if (length === 0 || length > NICKNAME_MAX) return { ok: false, error: "NICKNAME_INVALID" };
  return { ok: true, nickname };
}

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
