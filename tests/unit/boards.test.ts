import { describe, expect, it } from "vitest";
import { combinedScore, share } from "@/lib/boards/formula";
import { boardSearch, MAX_PAGE_SIZE, parseBoardParams } from "@/lib/boards/query";
import { compareCodePoints, containsPattern, rankBoard, standingOf } from "@/lib/boards/ranking";
import { inWindow, windowRange } from "@/lib/boards/windows";
import { rankStandings } from "@/lib/game/leaderboard";

const parse = (query: string) => parseBoardParams(new URLSearchParams(query));

describe("board windows", () => {
  it("is the UTC calendar month and the ISO week (Monday 00:00 UTC)", () => {
    const wed = new Date("2026-12-09T12:00:00Z");
    expect(windowRange("all", wed)).toEqual({ from: null, to: null });
    expect(windowRange("month", wed)).toEqual({
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2027-01-01T00:00:00Z"),
    });
    expect(windowRange("week", wed)).toEqual({
      from: new Date("2026-12-07T00:00:00Z"),
      to: new Date("2026-12-14T00:00:00Z"),
    });
    // Sunday late evening still belongs to the week that began the Monday before.
    expect(windowRange("week", new Date("2026-12-13T23:59:59.999Z")).from).toEqual(
      new Date("2026-12-07T00:00:00Z"),
    );
    // Monday at midnight starts a new one; a week may span two months (and two years).
    expect(windowRange("week", new Date("2026-12-14T00:00:00Z")).from).toEqual(
      new Date("2026-12-14T00:00:00Z"),
    );
    expect(windowRange("week", new Date("2027-01-01T08:00:00Z"))).toEqual({
      from: new Date("2026-12-28T00:00:00Z"),
      to: new Date("2027-01-04T00:00:00Z"),
    });
  });

  it("includes its start and excludes its end", () => {
    const range = windowRange("month", new Date("2026-02-10T00:00:00Z"));
    expect(inWindow(range, new Date("2026-02-01T00:00:00Z"))).toBe(true);
    expect(inWindow(range, new Date("2026-02-28T23:59:59.999Z"))).toBe(true);
    expect(inWindow(range, new Date("2026-03-01T00:00:00Z"))).toBe(false);
    expect(inWindow(windowRange("all", new Date()), new Date(0))).toBe(true);
  });
});

describe("the combined formula", () => {
  it("is each part's share of its leader, out of 1000, rounded half up, added", () => {
    expect(share(1720, 1720)).toBe(1000);
    expect(share(920, 1720)).toBe(535); // 534.88
    expect(share(1, 2000)).toBe(1); // 0.5 rounds up
    expect(share(0, 100)).toBe(0);
    expect(share(50, 0)).toBe(0);
    expect(combinedScore({ quiz: 920, coding: 1000 }, { quiz: 1720, coding: 1000 })).toBe(1535);
    expect(combinedScore({ quiz: 0, coding: 0 }, { quiz: 0, coding: 0 })).toBe(0);
  });

  it("gives the leader of both boards 2000, whatever the point scales", () => {
    expect(combinedScore({ quiz: 40_000, coding: 1000 }, { quiz: 40_000, coding: 1000 })).toBe(
      2000,
    );
    expect(combinedScore({ quiz: 3, coding: 7 }, { quiz: 3, coding: 7 })).toBe(2000);
  });
});

describe("board ranking", () => {
  const rows = [
    { userId: "u3", name: "Bob", score: 820 },
    { userId: "u1", name: "Alice", score: 820 },
    { userId: "u2", name: "Zed", score: 900 },
    { userId: "u4", name: "Alice", score: 820 },
    { userId: "u5", name: "Cy", score: 10 },
  ];

  it("shares a rank on a tie and skips after it, as a room does", () => {
    const ranked = rankBoard(rows).map(({ row, rank }) => [row.userId, rank]);
    expect(ranked).toEqual([
      ["u2", 1],
      ["u1", 2],
      ["u4", 2],
      ["u3", 2],
      ["u5", 5],
    ]);
    // The same ranks as the room's rule on the same scores.
    const room = rankStandings(
      rows.map((r, i) => ({ id: r.userId, nickname: r.name, score: r.score, joinedAt: i })),
    );
    expect(new Map(room.map(({ row, rank }) => [row.id, rank]))).toEqual(
      new Map(rankBoard(rows).map(({ row, rank }) => [row.userId, rank])),
    );
  });

  it("puts a hidden viewer where they would stand among the shown", () => {
    expect(standingOf(850, [900, 820, 820])).toBe(2);
    expect(standingOf(820, [900, 820, 820])).toBe(2);
    expect(standingOf(1000, [900])).toBe(1);
  });

  it('orders names by code point (Postgres COLLATE "C"), astral characters included', () => {
    expect(compareCodePoints("B", "a")).toBe(-1);
    expect(compareCodePoints("ab", "a")).toBe(1);
    expect(compareCodePoints("\uffff", "😀")).toBe(-1); // UTF-16 code units would say otherwise
    expect(compareCodePoints("李", "李")).toBe(0);
  });

  it("searches with the user's wildcards taken literally", () => {
    expect(containsPattern("a%b_c\\")).toBe("%a\\%b\\_c\\\\%");
  });
});

describe("board query parameters", () => {
  it("has defaults and reads every parameter", () => {
    expect(parse("")).toEqual({
      ok: true,
      params: {
        board: "combined",
        window: "all",
        scope: { kind: "everyone" },
        page: 1,
        pageSize: 25,
        q: null,
      },
    });
    expect(
      parse("board=quiz&window=week&scope=set&set=abcdefghij&page=3&pageSize=100&q=%20Al%20"),
    ).toEqual({
      ok: true,
      params: {
        board: "quiz",
        window: "week",
        scope: { kind: "set", setId: "abcdefghij" },
        page: 3,
        pageSize: 100,
        q: "Al",
      },
    });
    expect(parse("board=coding&scope=variant&variant=shrink&floor=0")).toMatchObject({
      ok: true,
      params: { scope: { kind: "variant", variant: "shrink" } },
    });
  });

  it("refuses what it cannot honour, naming the fields", () => {
    const refused: [string, string[]][] = [
      ["page=-1", ["page"]],
      ["page=0", ["page"]],
      ["page=1e3", ["page"]],
      ["page=", ["page"]],
      [`pageSize=${MAX_PAGE_SIZE + 1}`, ["pageSize"]],
      ["pageSize=10000", ["pageSize"]],
      ["board=elo", ["board"]],
      ["window=day", ["window"]],
      ["scope=room", ["scope"]],
      ["board=quiz&scope=set", ["set"]],
      ["board=quiz&scope=set&set=UPPER_case!", ["set"]],
      ["board=quiz&scope=variant&variant=scratch", ["scope"]],
      ["board=combined&scope=set&set=abcdefghij", ["scope"]],
      ["board=coding&scope=variant", ["variant"]],
      ["board=quiz&board=coding", ["board"]],
      ["page=-1&pageSize=10000&board=x", ["board", "page", "pageSize"]],
    ];
    for (const [query, fields] of refused)
      expect(parse(query), query).toEqual({ ok: false, fields });
  });

  it("writes a view back as the query string it parses from", () => {
    const view = {
      board: "quiz" as const,
      window: "month" as const,
      scope: { kind: "set" as const, setId: "abcdefghij" },
      page: 2,
      q: "x",
    };
    const parsed = parse(boardSearch(view));
    expect(parsed).toEqual({ ok: true, params: { ...view, pageSize: 25 } });
  });
});
