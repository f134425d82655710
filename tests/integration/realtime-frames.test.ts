import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type Client,
  type Harness,
  next,
  request,
  startHarness,
} from "../support/realtime-harness";
import { openRoom } from "../support/room-setup";

/**
 * What one question costs each player in frames, counted on real Socket.IO clients. The game
 * needs: the question, the player's own ack, the reveal with their own result, the leaderboard
 * with their own rank; answer counts go out on a tick, never once per answer (house style #7).
 */
describe("frames per player per question", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  function countFrames(socket: Client): Map<string, number> {
    const counts = new Map<string, number>();
    socket.onAny((event: string) => counts.set(event, (counts.get(event) ?? 0) + 1));
    return counts;
  }

  it("sends each phase once per player and answer counts per tick, not per answer", async () => {
    const nicknames = Array.from({ length: 9 }, (_, i) => `f${i}`);
    const room = await openRoom(h, nicknames, { defaultTimeLimitSec: 60 });
    const { code, host, players } = room;
    // The lobby's throttled updates are done once the last one counts everybody.
    await next(players.at(-1)!.socket, "lobby:update", (l) => l.count === players.length);

    const frames = players.map((p) => countFrames(p.socket));
    const started = players.map((p) =>
      next(p.socket, "room:update", (r) => r.phase === "question"),
    );
    await request(host, "game:start", { code });
    await Promise.all(started);

    // Eight answer at once; the ninth stays silent so the question stays open for the tick.
    const answering = players.slice(0, 8);
    const counted = next(players[8]!.socket, "round:progress", (p) => p.answered === 8);
    const acks = await Promise.all(
      answering.map((p) =>
        request(p.socket, "round:answer", {
          code,
          questionIndex: 0,
          answer: { type: "single", choice: 1 },
        }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    await counted;

    for (const phase of ["reveal", "leaderboard"] as const) {
      const seen = players.map((p) => next(p.socket, "room:update", (r) => r.phase === phase));
      await request(host, "game:next", { code });
      await Promise.all(seen);
    }
    // Each phase's own view follows its room view on the same connection.
    await vi.waitFor(() => expect(frames.every((f) => f.get("player:update") === 3)).toBe(true));

    const progress = frames.map((f) => f.get("round:progress") ?? 0);
    console.log(
      "frames per player for one question (acks not included):",
      JSON.stringify(Object.fromEntries(frames[0]!)),
      "progress frames per player:",
      progress.join(","),
    );
    for (const f of frames) {
      expect(f.get("room:update")).toBe(3); // question, reveal, leaderboard
      expect(f.get("player:update")).toBe(3); // own view of each: own result, own rank
      expect(f.get("lobby:update") ?? 0).toBe(0);
    }
    // Eight answers, yet the counts went out on the tick: fewer frames than answers.
    for (const n of progress) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThan(answering.length);
    }
  });
});
