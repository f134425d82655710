/**
 * The nickname format rule (see nickname.ts for the whole policy): NFKC, nothing invisible or
 * direction-changing, no mark stacks, whitespace collapsed, 1 to 20 characters. Kept apart from
 * the confusables skeleton, which only the server needs, so the join form ships without it.
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
