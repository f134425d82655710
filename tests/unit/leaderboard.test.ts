import { describe, expect, it } from "vitest";
import type { PlayerState } from "@/lib/game/types";
import { rankById, rankOf, rankPlayers, topEntries } from "@/lib/game/leaderboard";

function player(id: string, score: number, joinedAt: number, nickname = id): PlayerState {
  return {
    id,
    nickname,
    userId: null,
    score,
    streak: 0,
    correctCount: 0,
    answeredCount: 0,
    connected: true,
    joinedAt,
  };
}

describe("rankPlayers", () => {
  it("sorts by score, highest first", () => {
    const ranking = rankPlayers([player("a", 100, 1), player("b", 300, 2), player("c", 200, 3)]);
    expect(ranking.map((e) => [e.playerId, e.rank])).toEqual([
      ["b", 1],
      ["c", 2],
      ["a", 3],
    ]);
  });

  it("gives equal scores the same rank and skips the next (1, 1, 3)", () => {
    const ranking = rankPlayers([
      player("a", 500, 1),
      player("b", 900, 2),
      player("c", 900, 3),
      player("d", 100, 4),
    ]);
    expect(ranking.map((e) => e.rank)).toEqual([1, 1, 3, 4]);
    const threeWay = rankPlayers([player("a", 0, 1), player("b", 0, 2), player("c", 0, 3)]);
    expect(threeWay.map((e) => e.rank)).toEqual([1, 1, 1]);
    const lowerTie = rankPlayers([
      player("a", 9, 1),
      player("b", 5, 2),
      player("c", 5, 3),
      player("d", 1, 4),
    ]);
    expect(lowerTie.map((e) => e.rank)).toEqual([1, 2, 2, 4]);
  });

  it("lists a tie by join time, then nickname, so the order is stable", () => {
    const ranking = rankPlayers([
      player("late", 700, 30, "Zed"),
      player("early", 700, 10, "Yan"),
      player("same-b", 700, 20, "Bea"),
      player("same-a", 700, 20, "Abe"),
    ]);
    expect(ranking.map((e) => e.playerId)).toEqual(["early", "same-a", "same-b", "late"]);
  });

  it("carries nickname, score and streak into each entry", () => {
    const p = { ...player("p1", 1200, 1, "Ada"), streak: 3 };
    expect(rankPlayers([p])).toEqual([
      { playerId: "p1", nickname: "Ada", score: 1200, rank: 1, streak: 3 },
    ]);
  });

  it("does not reorder its input", () => {
    const input = [player("a", 1, 1), player("b", 2, 2)];
    rankPlayers(input);
    expect(input.map((p) => p.id)).toEqual(["a", "b"]);
  });

  it("ranks nobody in an empty room", () => {
    expect(rankPlayers([])).toEqual([]);
  });
});

describe("ranking helpers", () => {
  const ranking = rankPlayers([
    player("a", 10, 1),
    player("b", 30, 2),
    player("c", 30, 3),
    player("d", 20, 4),
  ]);

  it("topEntries keeps the first n", () => {
    expect(topEntries(ranking, 2).map((e) => e.playerId)).toEqual(["b", "c"]);
    expect(topEntries(ranking, 10)).toHaveLength(4);
  });

  it("rankOf and rankById find a player's rank", () => {
    expect(rankOf(ranking, "c")).toBe(1);
    expect(rankOf(ranking, "d")).toBe(3);
    expect(rankOf(ranking, "nobody")).toBeNull();
    expect(Object.fromEntries(rankById(ranking))).toEqual({ a: 4, b: 1, c: 1, d: 3 });
  });
});
