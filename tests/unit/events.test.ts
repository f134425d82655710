import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { dashboardCsv, scoreDistribution, summariseCandidates } from "@/lib/events/dashboard";
import { EventDraftSchema, checkInvite, inviteExpiry } from "@/lib/events/schema";

const at = (iso: string) => new Date(iso);
const event = {
  id: "e1",
  startsAt: at("2026-12-01T09:00:00Z"),
  endsAt: at("2026-12-02T09:00:00Z"),
};

describe("event rules", () => {
  it("checks an invite: unknown, another event's, revoked before expired, expired, event over", () => {
    const live = { eventId: "e1", expiresAt: at("2026-12-01T18:00:00Z"), revokedAt: null };
    const noon = at("2026-12-01T12:00:00Z");
    expect(checkInvite(null, event, noon)).toBe("INVITE_NOT_FOUND");
    expect(checkInvite({ ...live, eventId: "e2" }, event, noon)).toBe("INVITE_WRONG_EVENT");
    expect(checkInvite(live, event, noon)).toBeNull();
    const revoked = { ...live, revokedAt: at("2026-12-01T10:00:00Z") };
    expect(checkInvite(revoked, event, at("2026-12-01T20:00:00Z"))).toBe("INVITE_REVOKED");
    expect(checkInvite(live, event, at("2026-12-01T18:00:00Z"))).toBe("INVITE_EXPIRED");
    const longLived = { ...live, expiresAt: at("2026-12-05T00:00:00Z") };
    expect(checkInvite(longLived, event, at("2026-12-02T09:00:00Z"))).toBe("EVENT_CLOSED");
  });

  it("never lets an invite outlive its event", () => {
    const now = at("2026-12-01T12:00:00Z");
    expect(inviteExpiry(now, 2, event.endsAt)).toEqual(at("2026-12-01T14:00:00Z"));
    expect(inviteExpiry(now, 72, event.endsAt)).toEqual(event.endsAt);
  });

  it("refuses an event that ends before it starts or lasts over a year, naming endsAt", () => {
    const base = {
      name: "Day",
      startsAt: "2026-12-01T09:00:00Z",
      endsAt: "2026-12-01T08:00:00Z",
      terms: "ok",
    };
    const backwards = EventDraftSchema.safeParse(base);
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues.map((i) => i.path.join("."))).toEqual(["endsAt"]);
    const tooLong = EventDraftSchema.safeParse({ ...base, endsAt: "2028-01-01T00:00:00Z" });
    expect(tooLong.error?.issues[0]?.message).toMatch(/366 days/);
    const twice = EventDraftSchema.safeParse({
      ...base,
      endsAt: "2026-12-02T00:00:00Z",
      setIds: ["cabcdefghij1", "cabcdefghij1"],
    });
    expect(twice.error?.issues[0]?.path).toEqual(["setIds"]);
    const fine = EventDraftSchema.parse({ ...base, endsAt: "2026-12-02T00:00:00Z" });
    expect(fine).toMatchObject({ identity: "NAME_EMAIL", afterwards: "OWN_RESULTS", coding: null });
  });
});

describe("event dashboard", () => {
  const candidates = ["a", "b", "c", "d"].map((id, i) => ({
    id,
    name: id.toUpperCase(),
    email: `${id}@x.test`,
    createdAt: new Date(Date.UTC(2026, 11, 1, 9, i)),
  }));
  const topic = (candidateId: string, name: string, points: number, correct = 1) => ({
    candidateId,
    topic: name,
    points,
    correct,
    answered: 1,
    elapsedMs: 2000,
  });
  const model = (
    candidateId: string,
    points: number | null,
    final: boolean,
    roundClosed: boolean,
  ) => ({
    candidateId,
    roomCode: "R1",
    questionIndex: 3,
    variant: "scratch",
    sizeBytes: 2048,
    parameters: 500,
    summary: "tiny",
    publicAccuracy: 0.9,
    privateAccuracy: 0.88,
    final,
    points,
    metTarget: true,
    roundClosed,
  });

  it("adds quiz and final-model points, shares ties, leaves non-players unranked", () => {
    const rows = summariseCandidates(
      candidates,
      [topic("a", "x", 50), topic("a", "y", 10), topic("b", "x", 40), topic("c", "x", 60, 1)],
      [model("b", 20, true, true), model("c", 999, false, false)],
    );
    // c's model is not final (its round is open), so it adds nothing: a three-way tie.
    expect(rows.map((r) => [r.id, r.rank, r.score])).toEqual([
      ["a", 1, 60],
      ["b", 1, 60],
      ["c", 1, 60],
      ["d", null, 0],
    ]);
    const [first, , third] = summariseCandidates(
      candidates.slice(0, 3),
      [topic("a", "x", 50), topic("b", "x", 50), topic("c", "x", 10)],
      [],
    );
    expect([first!.rank, third!.rank]).toEqual([1, 3]);
  });

  it("counts only a final model of a closed round", () => {
    const [open] = summariseCandidates([candidates[0]!], [], [model("a", 40, true, false)]);
    expect(open!.coding[0]!.final).toBeNull();
    expect(open!.score).toBe(0);
    const [closed] = summariseCandidates([candidates[0]!], [], [model("a", 40, true, true)]);
    expect(closed!.score).toBe(40);
  });

  it("writes a CSV a spreadsheet cannot run: BOM, CRLF, formula cells escaped", () => {
    const rows = summariseCandidates(
      [
        { ...candidates[0]!, name: "@SUM(A1:A9)" },
        { ...candidates[1]!, name: "-2+3" },
      ],
      [topic("a", "x", 5), topic("b", "x", 5)],
      [],
    );
    const csv = dashboardCsv(rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data.map((r) => r.name)).toEqual(["'@SUM(A1:A9)", "'-2+3"]);
    expect(parsed.meta.fields).toContain("topic_points:x");
  });

  it("buckets scores of candidates who played", () => {
    const rows = summariseCandidates(candidates, [topic("a", "x", 95), topic("b", "x", 5)], []);
    const buckets = scoreDistribution(rows, 10);
    expect(buckets[0]).toEqual({ from: 0, to: 9, count: 1 });
    expect(buckets.at(-1)).toEqual({ from: 90, to: 99, count: 1 });
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(2);
  });
});
