import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomUpdate } from "@/lib/contract/views";
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
 * needs exactly four: the question, the player's own ack, the reveal with their own result, the
 * leaderboard with their own rank (unchanged since the reveal, so the reveal's copy carries it).
 * Answer counts go to the host on a tick, never once per answer (house style #7), and not to the
 * players at all: they count down by the question's deadline.
 */
describe("frames per player per question", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Every frame a socket receives, in order (acks are counted by the caller). */
  function record(socket: Client): { event: string; payload: unknown }[] {
    const frames: { event: string; payload: unknown }[] = [];
    socket.onAny((event: string, payload: unknown) => frames.push({ event, payload }));
    return frames;
  }

  // Team mode adds no frame: its standings ride in the same room updates (lib/game/teams.ts).
  it.each([
    ["without teams", undefined],
    ["in team mode", { mode: "host", count: 3 } as const],
  ])(
    "sends each player the question, their ack, the reveal with their result and the leaderboard (%s)",
    async (_, teams) => {
      const nicknames = Array.from({ length: 9 }, (_, i) => `f${i}`);
      const room = await openRoom(h, nicknames, {
        defaultTimeLimitSec: 60,
        ...(teams && { teams }),
      });
      const { code, host, players } = room;
      // The lobby's throttled snapshots are done once the last one counts everybody.
      await next(
        players.at(-1)!.socket,
        "room:update",
        (r) => r.phase === "lobby" && r.playerCount === players.length,
      );

      const frames = players.map((p) => record(p.socket));
      const hostFrames = record(host);
      const started = players.map((p) =>
        next(p.socket, "room:update", (r) => r.phase === "question"),
      );
      await request(host, "game:start", { code });
      await Promise.all(started);

      // Eight answer at once; the ninth stays silent so the question stays open for the tick.
      const answering = players.slice(0, 8);
      const counted = next(host, "round:progress", (p) => p.answered === 8);
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
        const seen = [host, ...players.map((p) => p.socket)].map((s) =>
          next(s, "room:update", (r) => r.phase === phase),
        );
        await request(host, "game:next", { code });
        await Promise.all(seen);
      }
      // Anything else the server had queued for a player arrives before the answer to a later
      // request on the same connection (here a refused late answer, which changes nothing).
      const late = await Promise.all(
        players.map((p) =>
          request(p.socket, "round:answer", {
            code,
            questionIndex: 0,
            answer: { type: "single", choice: 1 },
          }),
        ),
      );
      expect(late.every((a) => !a.ok)).toBe(true);

      const received = frames;
      const acked = answering.length;
      console.log(
        "frames per player for one question:",
        JSON.stringify(received[0]!.map((f) => f.event)),
        "+ 1 ack; host progress frames:",
        hostFrames.filter((f) => f.event === "round:progress").length,
      );
      received.forEach((own, i) => {
        // Exactly: question, reveal (with own result), leaderboard (own rank from the reveal).
        expect(own.map((f) => f.event)).toEqual(["room:update", "room:update", "room:update"]);
        const [question, reveal, board] = own.map((f) => f.payload as RoomUpdate);
        expect(question!.phase).toBe("question");
        expect(question!.me).toBeUndefined();
        expect(reveal!.phase).toBe("reveal");
        expect(reveal!.me?.playerId).toBe(players[i]!.session.playerId);
        expect(reveal!.me?.lastResult?.answered).toBe(i < acked);
        expect(reveal!.me?.rank).toBeGreaterThan(0);
        expect(board!.phase).toBe("leaderboard");
        expect(board!.me).toBeUndefined();
        if (teams) {
          expect(reveal!.me?.teamRank).toBeGreaterThan(0);
          expect(board!.teams?.standings).toHaveLength(3);
        }
      });
      const answeredFrames = 1; // the ack, for the eight who answered
      expect(received[0]!.length + answeredFrames).toBe(4);

      // The host sees every phase (never a player's own view) and the counts on a tick: fewer
      // frames than answers.
      const hostRooms = hostFrames.filter((f) => f.event === "room:update");
      expect(hostRooms.map((f) => (f.payload as RoomUpdate).phase)).toEqual([
        "question",
        "reveal",
        "leaderboard",
      ]);
      expect(hostRooms.every((f) => (f.payload as RoomUpdate).me === undefined)).toBe(true);
      const ticks = hostFrames.filter((f) => f.event === "round:progress").length;
      expect(ticks).toBeGreaterThanOrEqual(1);
      expect(ticks).toBeLessThan(answering.length);
    },
  );
});
