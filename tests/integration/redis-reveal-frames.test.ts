import { describe, expect, it } from "vitest";
import type { RoomUpdate } from "@/lib/contract/views";
import { OWN_VIEWS_KEY } from "@/server/realtime/own-view-bundles";
import { type Client, next, request } from "../support/realtime-harness";
import { fixtureAnswer } from "../support/fault-game";
import { nodeCluster } from "../support/node-cluster";

/**
 * On Redis, a reveal's per-player frames travel as one stream entry that each node cuts into
 * its own players' frames (server/realtime/own-view-bundles.ts). Players on both nodes must get
 * exactly what per-player emits gave them: one room update each, with their own view in it and
 * nothing else; the host its own copy; and a player whose transport dropped during the reveal
 * gets their own frame back through connection-state recovery.
 */

const LIFETIMES = { leaseMs: 2_000, sweepMs: 250 };

describe("reveal frames across two nodes", () => {
  const cluster = nodeCluster(LIFETIMES);

  it("each player on either node gets one reveal frame with their own view, also after a drop", async () => {
    cluster.fresh();
    const a = await cluster.start("node-a");
    const b = await cluster.start("node-b");
    const hostUser = await a.createUser("Host");
    const host = await a.client({ cookie: hostUser.cookie });
    const created = await request(host, "room:create", {
      questionSetSlug: "test-fixture",
      settings: {
        scoring: "accuracy",
        streakBonus: false,
        questionCount: 2,
        defaultTimeLimitSec: 30,
      },
    });
    if (!created.ok) throw new Error(created.error);
    const { code } = created.data;
    expect((await request(host, "room:host", { code })).ok).toBe(true);

    const players: { nickname: string; socket: Client; updates: Record<string, unknown>[] }[] = [];
    for (const [node, nickname] of [
      [a, "ann"],
      [b, "bob"],
      [a, "cid"],
      [b, "dee"],
    ] as const) {
      const socket = await node.client();
      const updates: Record<string, unknown>[] = [];
      socket.on("room:update", (update) =>
        updates.push(update as unknown as Record<string, unknown>),
      );
      const joined = await request(socket, "room:join", { code, nickname });
      if (!joined.ok) throw new Error(joined.error);
      players.push({ nickname, socket, updates });
    }
    const hostUpdates: RoomUpdate[] = [];
    host.on("room:update", (update) => hostUpdates.push(update));
    const reveals = (updates: Record<string, unknown>[]) =>
      updates.filter((u) => u.phase === "reveal");
    const answer = (socket: Client, questionIndex: number) =>
      request(socket, "round:answer", {
        code,
        questionIndex,
        answer: fixtureAnswer(questionIndex, true),
      });

    // Question 0: everyone answers, the reveal reaches every player once, with their own view.
    const opened = next(players[3]!.socket, "room:update", (r) => r.phase === "question");
    expect((await request(host, "game:start", { code })).ok).toBe(true);
    await opened;
    const lastReveal = players.map((p) =>
      next(p.socket, "room:update", (r) => r.phase === "reveal"),
    );
    for (const p of players) expect((await answer(p.socket, 0)).ok).toBe(true);
    await Promise.all(lastReveal);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would land by now
    for (const p of players) {
      const got = reveals(p.updates);
      expect(got, p.nickname).toHaveLength(1);
      expect((got[0]!.me as { nickname: string }).nickname).toBe(p.nickname);
      expect(got[0]).not.toHaveProperty(OWN_VIEWS_KEY);
      expect(got[0]).not.toHaveProperty("own");
    }
    expect(reveals(hostUpdates as never)).toHaveLength(1);
    expect(reveals(hostUpdates as never)[0]).not.toHaveProperty("me");

    // Question 1: bob (node B) and cid (node A) drop their transports before its reveal.
    const opened1 = players.map((p) =>
      next(p.socket, "room:update", (r) => r.phase === "question" && r.question?.index === 1),
    );
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    await Promise.all(opened1);
    // Two of four answer (no early reveal); the other two drop, and the host closes the question.
    const stayed = [players[0]!, players[3]!];
    const dropped = [players[1]!, players[2]!];
    for (const p of stayed)
      expect(await answer(p.socket, 1)).toEqual({ ok: true, data: { questionIndex: 1 } });
    for (const p of dropped) {
      p.socket.io.reconnection(false);
      const gone = new Promise((resolve) => p.socket.once("disconnect", resolve));
      p.socket.io.engine.close();
      await gone;
    }
    for (const p of players) p.updates.length = 0;
    const hostSaw = next(host, "room:update", (r) => r.phase === "reveal");
    const stayedSaw = stayed.map((p) => next(p.socket, "room:update", (r) => r.phase === "reveal"));
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    await hostSaw;
    await Promise.all(stayedSaw);
    for (const p of dropped) {
      await new Promise<void>((resolve, reject) => {
        p.socket.once("connect", () => resolve());
        p.socket.once("connect_error", reject);
        p.socket.connect();
      });
      expect(p.socket.recovered, p.nickname).toBe(true);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const p of players) {
      const got = reveals(p.updates);
      expect(got, p.nickname).toHaveLength(1);
      const me = got[0]!.me as { nickname: string; lastResult?: { questionIndex: number } };
      expect(me.nickname).toBe(p.nickname);
      expect(me.lastResult?.questionIndex).toBe(1);
      expect(got[0]).not.toHaveProperty(OWN_VIEWS_KEY);
    }
  }, 60_000);
});
