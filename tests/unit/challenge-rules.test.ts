import { describe, expect, it } from "vitest";
import {
  attemptStatus,
  challengeWindow,
  checkChallengeDates,
  participantKey,
  startDecision,
  type AttemptStatus,
  type ChallengeWindow,
} from "@/lib/challenges/rules";
import { CreateChallengeSchema } from "@/lib/contract/challenges";

const at = (iso: string) => new Date(`2026-12-07T${iso}:00Z`);
const challenge = { opensAt: at("10:00"), deadline: at("12:00") };

describe("challenge rules", () => {
  it("is open from opensAt up to, not including, the deadline", () => {
    expect(challengeWindow(challenge, at("09:59"))).toBe("not-open");
    expect(challengeWindow(challenge, at("10:00"))).toBe("open");
    expect(challengeWindow(challenge, new Date(at("12:00").getTime() - 1))).toBe("open");
    expect(challengeWindow(challenge, at("12:00"))).toBe("closed");
  });

  it("accepts a real window that is not over and not too long", () => {
    expect(checkChallengeDates(challenge, at("11:00"))).toBeNull();
    expect(checkChallengeDates({ opensAt: at("12:00"), deadline: at("12:00") }, at("09:00"))).toBe(
      "INVALID_PAYLOAD",
    );
    expect(checkChallengeDates(challenge, at("12:00"))).toBe("INVALID_PAYLOAD");
    const long = {
      opensAt: at("10:00"),
      deadline: new Date(at("10:00").getTime() + 91 * 86_400_000),
    };
    expect(checkChallengeDates(long, at("09:00"))).toBe("INVALID_PAYLOAD");
  });

  it("reads an attempt's status from its room and the deadline", () => {
    const deadline = at("12:00");
    expect(attemptStatus({ roomStatus: "LOBBY" }, deadline, at("11:00"))).toBe("ready");
    expect(attemptStatus({ roomStatus: "RUNNING" }, deadline, at("11:00"))).toBe("playing");
    expect(attemptStatus({ roomStatus: "RUNNING" }, deadline, at("12:00"))).toBe("closed");
    expect(attemptStatus({ roomStatus: "LOBBY" }, deadline, at("13:00"))).toBe("closed");
    expect(attemptStatus({ roomStatus: "FINISHED" }, deadline, at("13:00"))).toBe("finished");
    // An interrupted attempt (its room lost, or closed idle) goes on until the deadline.
    expect(attemptStatus({ roomStatus: "ABORTED" }, deadline, at("11:00"))).toBe("playing");
    expect(attemptStatus({ roomStatus: "ABORTED" }, deadline, at("12:00"))).toBe("closed");
  });

  it("starts once, resumes an unfinished attempt, and never restarts", () => {
    const cases: [ChallengeWindow, AttemptStatus | null, ReturnType<typeof startDecision>][] = [
      ["open", null, { kind: "start" }],
      ["open", "ready", { kind: "resume" }],
      ["open", "playing", { kind: "resume" }],
      ["open", "finished", { kind: "refuse", error: "ATTEMPT_USED" }],
      ["closed", "finished", { kind: "refuse", error: "ATTEMPT_USED" }],
      ["not-open", null, { kind: "refuse", error: "CHALLENGE_NOT_OPEN" }],
      ["closed", null, { kind: "refuse", error: "CHALLENGE_CLOSED" }],
      ["closed", "playing", { kind: "refuse", error: "CHALLENGE_CLOSED" }],
      ["open", "closed", { kind: "refuse", error: "CHALLENGE_CLOSED" }],
    ];
    for (const [window, existing, expected] of cases) {
      expect(startDecision(window, existing), `${window} ${existing}`).toEqual(expected);
    }
  });

  it("keys users and candidates apart", () => {
    expect(participantKey({ userId: "abc" })).toBe("u:abc");
    expect(participantKey({ candidateId: "abc" })).toBe("c:abc");
  });

  it("parses a challenge body strictly", () => {
    const body = {
      title: "  Warm-up ",
      selection: { setIds: ["set1234567890"] },
      opensAt: "2026-12-07T10:00:00Z",
      deadline: "2026-12-08T10:00:00+08:00",
    };
    const parsed = CreateChallengeSchema.parse(body);
    expect(parsed).toMatchObject({ title: "Warm-up", timePerQuestionSec: 20, scoring: "speed" });
    expect(parsed.deadline.toISOString()).toBe("2026-12-08T02:00:00.000Z");
    expect(CreateChallengeSchema.safeParse({ ...body, hostId: "x" }).success).toBe(false);
    expect(CreateChallengeSchema.safeParse({ ...body, title: " " }).success).toBe(false);
    expect(CreateChallengeSchema.safeParse({ ...body, timePerQuestionSec: 2 }).success).toBe(false);
    expect(
      CreateChallengeSchema.safeParse({ ...body, selection: { setIds: ["a"], seed: 1 } }).success,
    ).toBe(false);
  });
});
