import { describe, expect, it } from "vitest";
import { ownerAttemptStatus, rankAttempts } from "@/lib/challenges/rules";

const at = (iso: string) => new Date(`2026-12-07T${iso}:00Z`);
const deadline = at("12:00");

describe("a challenge's attempts as its owner reads them", () => {
  it("is finished when the game reached its end before the deadline", () => {
    const done = { roomStatus: "FINISHED" as const, endedAt: at("11:00") };
    expect(ownerAttemptStatus(done, deadline, at("11:30"))).toBe("finished");
    // Still finished after the deadline has passed: it was over in time.
    expect(ownerAttemptStatus(done, deadline, at("13:00"))).toBe("finished");
  });

  it("is expired when the deadline ended it first", () => {
    expect(
      ownerAttemptStatus({ roomStatus: "FINISHED", endedAt: deadline }, deadline, at("12:01")),
    ).toBe("expired");
    expect(
      ownerAttemptStatus({ roomStatus: "ABORTED", endedAt: at("11:00") }, deadline, at("12:30")),
    ).toBe("expired");
    // Never connected to play, and the window closed.
    expect(ownerAttemptStatus({ roomStatus: "LOBBY", endedAt: null }, deadline, deadline)).toBe(
      "expired",
    );
  });

  it("is in progress while started and not over, a lost room too (its player goes on)", () => {
    for (const roomStatus of ["LOBBY", "RUNNING", "ABORTED"] as const) {
      expect(ownerAttemptStatus({ roomStatus, endedAt: null }, deadline, at("11:59"))).toBe(
        "in-progress",
      );
    }
  });

  it("ranks by score with shared ranks for ties, and none for an attempt with nothing yet", () => {
    expect(rankAttempts([300, null, 900, 300, 0])).toEqual([2, null, 1, 2, 4]);
    expect(rankAttempts([])).toEqual([]);
    expect(rankAttempts([null])).toEqual([null]);
  });
});
