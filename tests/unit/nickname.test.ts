import { describe, expect, it } from "vitest";
import { findPlayer } from "@/lib/game/room-state";
import { NicknameSchema } from "@/lib/contract/schemas";
import { step } from "@/lib/game/engine";
import { nicknameKeys, nicknamesCollide, normaliseNickname } from "@/lib/game/nickname";
import { nicknameAllowedByWordFilter } from "@/lib/game/nickname-words";
import { createRoomState } from "@/lib/game/create-room";
import type { RoomState } from "@/lib/game/types";
import { RoomSettingsSchema } from "@/lib/contract/schemas";

const invalid = { ok: false, error: "NICKNAME_INVALID" };

describe("normaliseNickname", () => {
  it("keeps ordinary names, NFKC-normalised, with whitespace collapsed", () => {
    expect(normaliseNickname("  Ada   Lovelace ")).toEqual({ ok: true, nickname: "Ada Lovelace" });
    expect(normaliseNickname("ＡＮＡ")).toEqual({ ok: true, nickname: "ANA" });
    expect(normaliseNickname("ﬁona")).toEqual({ ok: true, nickname: "fiona" });
    expect(normaliseNickname("张伟")).toEqual({ ok: true, nickname: "张伟" });
    expect(normaliseNickname("José 🚀")).toEqual({ ok: true, nickname: "José 🚀" });
    // A family emoji is joined with U+200D: a format character, so it is refused like the rest.
    expect(normaliseNickname("Zoë")).toEqual({ ok: true, nickname: "Zoë" });
    expect(normaliseNickname("x".repeat(20))).toEqual({ ok: true, nickname: "x".repeat(20) });
  });

  it.each([
    ["right-to-left override", "\u202eecilA"],
    ["left-to-right embedding", "\u202aAlice"],
    ["pop directional formatting", "Alice\u202c"],
    ["isolates", "\u2066Alice\u2069"],
    ["first strong isolate", "\u2068Alice"],
    ["left-to-right mark", "Alice\u200e"],
    ["right-to-left mark", "\u200fAlice"],
    ["Arabic letter mark", "Alice\u061c"],
    ["zero-width space", "Alice\u200b"],
    ["zero-width non-joiner", "Al\u200cice"],
    ["zero-width joiner", "Al\u200dice"],
    ["word joiner", "Al\u2060ice"],
    ["byte order mark", "\ufeffAlice"],
    ["soft hyphen", "Al\u00adice"],
    ["Hangul filler", "\u3164"],
    ["Hangul filler inside", "Ali\u3164ce"],
    ["variation selector", "Alice\ufe0f"],
    ["tag character", "Alice\u{e0041}"],
    ["combining grapheme joiner", "Al\u034fice"],
    ["braille blank", "\u2800\u2800"],
    ["private use", "Alice\ue000"],
    ["NUL", "Ali\u0000ce"],
    ["bell", "tab\u0007bell"],
    ["DEL", "Alice\u007f"],
    ["C1 control", "Alice\u0085"],
    ["line separator", "Ali\u2028ce"],
    ["zero-width only", "\u200b\u200b"],
    ["stacked combining marks", "Z\u0351\u0352\u0353alice"],
  ])("refuses %s", (_what, name) => {
    expect(normaliseNickname(name)).toEqual(invalid);
  });

  it("refuses names that are blank, empty or too long", () => {
    for (const name of ["", "   ", "\u3000\u3000", "x".repeat(21), "y".repeat(201)]) {
      expect(normaliseNickname(name)).toEqual(invalid);
    }
    expect(normaliseNickname(42)).toEqual(invalid);
  });

  it("is what the join schema applies", () => {
    expect(NicknameSchema.safeParse("  Bea ").data).toBe("Bea");
    expect(NicknameSchema.safeParse("Bea\u200b").success).toBe(false);
    expect(NicknameSchema.safeParse("\u202eaeB").success).toBe(false);
  });
});

describe("nicknamesCollide (confusables skeleton)", () => {
  it("matches names that look alike on the big screen", () => {
    const alice = "Alice";
    for (const lookAlike of [
      "alice", // case
      "ALICE",
      "\u0410lice", // Cyrillic capital A
      "Αlice", // Greek capital alpha
      "\u0430lice", // Cyrillic small a
      "Аlicе", // Cyrillic a and e
      "𝐀𝐥𝐢𝐜𝐞".normalize("NFKC"), // mathematical bold, unfolded by NFKC
      "AIice", // capital I for l
      "A1ice", // digit one for l
      "Alíce", // accent dropped
    ]) {
      expect(nicknamesCollide(alice, lookAlike), lookAlike).toBe(true);
    }
    expect(nicknamesCollide("Bob0", "BobO")).toBe(true);
    expect(nicknamesCollide("modern", "rnodern")).toBe(true);
    expect(nicknamesCollide("Ian", "ian")).toBe(true);
  });

  it("keeps different names apart", () => {
    expect(nicknamesCollide("Alice", "Alicia")).toBe(false);
    expect(nicknamesCollide("Ana", "Anna")).toBe(false);
    expect(nicknamesCollide("张伟", "张三")).toBe(false);
    expect(nicknamesCollide("Ian", "Lan")).toBe(false);
  });

  it("gives two keys, folded and skeleton", () => {
    expect(nicknameKeys("\u0410IICE")).toEqual(["aiice", "AllCE"]);
  });
});

describe("joining a room with look-alike names (engine)", () => {
  const room = (): RoomState =>
    createRoomState({
      roomId: "r1",
      code: "ABCDEF",
      hostUserId: "h1",
      settings: RoomSettingsSchema.parse({}),
      questions: [],
      codingRounds: [],
      codingBaseline: null,
      now: 0,
      random: () => 0.5,
      hashSeed: [1, 2],
    });
  const join = (state: RoomState, playerId: string, nickname: string) =>
    step(state, { type: "player:join", playerId, nickname, userId: null }, 1);

  it("refuses Cyrillic 'Аlice' once 'Alice' plays, and invisible or reversed variants", () => {
    const first = join(room(), "p1", "Alice");
    if (!first.ok) throw new Error(first.error);
    expect(join(first.state, "p2", "\u0410lice")).toEqual({ ok: false, error: "NICKNAME_TAKEN" });
    expect(join(first.state, "p2", "Alice\u200b")).toEqual(invalid);
    expect(join(first.state, "p2", "\u202eecilA")).toEqual(invalid);
    expect(join(first.state, "p2", "\u200b")).toEqual(invalid);
    const other = join(first.state, "p2", "Bob");
    expect(other.ok && findPlayer(other.state, "p2")?.nickname).toBe("Bob");
  });

  it("stores the normalised name", () => {
    const joined = join(room(), "p1", "  ＢＥＡ  ");
    expect(joined.ok && findPlayer(joined.state, "p1")?.nickname).toBe("BEA");
  });
});

describe("word filter (obscenity, English preset)", () => {
  it("refuses listed words, also disguised, and lets ordinary names through", () => {
    for (const name of ["fuck", "FuckFace", "füuck", "shithead", "f\u0443ck"]) {
      expect(nicknameAllowedByWordFilter(name), name).toBe(false);
    }
    for (const name of ["Alice", "Scunthorpe", "assassin", "Dickens fan", "张伟", "bass"]) {
      expect(nicknameAllowedByWordFilter(name), name).toBe(true);
    }
  });
});
