import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RoomView } from "@/lib/contract/views";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { openRoom } from "../support/room-setup";
import { MAX_WRITES_IN_FLIGHT } from "@/server/realtime/room-event-queue";

describe.each(["postgres", "pglite"] as const)("a whole game over Socket.IO on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("plays four questions to a podium that matches the results stored in Postgres", async () => {
    const room = await openRoom(h, ["alice", "bob", "carol"], {
      scoring: "accuracy",
      streakBonus: true,
      defaultTimeLimitSec: 30,
    });
    const [alice, bob, carol] = room.players;
    if (!alice || !bob || !carol) throw new Error("players missing");
    const { code, host } = room;

    const lobby = await next(host, "lobby:update", (l) => l.count === 3);
    expect(lobby.players.map((p) => p.nickname)).toEqual(["alice", "bob", "carol"]);

    const answers = [
      // alice always right; bob right, wrong, half, right; carol wrong, right, half, silent
      {
        alice: { type: "single", choice: 1 },
        bob: { type: "single", choice: 1 },
        carol: { type: "single", choice: 0 },
      },
      {
        alice: { type: "truefalse", value: true },
        bob: { type: "truefalse", value: false },
        carol: { type: "truefalse", value: true },
      },
      {
        alice: { type: "multiple", choices: [0, 2] },
        bob: { type: "multiple", choices: [0] },
        carol: { type: "multiple", choices: [0, 1, 2] },
      },
      {
        alice: { type: "text", text: "tensorflow" },
        bob: { type: "text", text: " Tensor-Flow " },
        carol: null,
      },
    ] as const;

    let view: RoomView | undefined;
    const started = next(alice.socket, "room:update", (r) => r.phase === "question");
    expect(await request(host, "game:start", { code })).toEqual({ ok: true, data: null });
    view = await started;

    for (const [index, round] of answers.entries()) {
      expect(view.question?.index).toBe(index);
      // Nothing a player receives before the reveal carries the answer key.
      expect(JSON.stringify(view)).not.toMatch(/"correct"|accepted|explanation/);

      const revealed = next(
        host,
        "room:update",
        (r) => r.phase === "reveal" && r.question?.index === index,
      );
      for (const player of [alice, bob, carol]) {
        const answer = round[player.nickname as "alice" | "bob" | "carol"];
        if (!answer) continue;
        const ack = await request(player.socket, "round:answer", {
          code,
          questionIndex: index,
          answer,
        });
        expect(ack).toEqual({ ok: true, data: { questionIndex: index } });
      }
      // Carol stays silent on the last question: the host closes it early.
      if (index === 3) expect((await request(host, "game:next", { code })).ok).toBe(true);
      const reveal = await revealed;
      expect(reveal.reveal?.answered).toBe(index === 3 ? 2 : 3);

      const toBoard = next(host, "room:update", (r) => r.phase === "leaderboard");
      expect((await request(host, "game:next", { code })).ok).toBe(true);
      await toBoard;
      const following = next(alice.socket, "room:update", (r) =>
        index === 3
          ? r.phase === "podium"
          : r.phase === "question" && r.question?.index === index + 1,
      );
      expect((await request(host, "game:next", { code })).ok).toBe(true);
      view = await following;
    }

    // accuracy mode: 1000 per correct answer, streak bonus +100 per consecutive correct after the first
    expect(view.phase).toBe("podium");
    expect(view.podium.map((e) => [e.nickname, e.score, e.rank])).toEqual([
      ["alice", 1000 + 1100 + 1200 + 1300, 1],
      ["bob", 1000 + 0 + 500 + 1000, 2],
      ["carol", 0 + 1000 + 500 + 0, 3],
    ]);

    const stored = await h.repos.rooms.getResults(code);
    expect(stored?.status).toBe("FINISHED");
    expect(
      stored?.results.map((r) => [r.nickname, r.score, r.rank, r.correctCount, r.answeredCount]),
    ).toEqual([
      ["alice", 4600, 1, 4, 4],
      ["bob", 2500, 2, 2, 4],
      ["carol", 1500, 3, 1, 3],
    ]);
    const answerRows = await h.db.prisma.answer.count({ where: { room: { code } } });
    expect(answerRows).toBe(11);
  });

  it("reveals the key, the distribution and each player's own points", async () => {
    const room = await openRoom(h, ["dora", "eve"], { scoring: "speed" });
    const [dora, eve] = room.players;
    if (!dora || !eve) throw new Error("players missing");
    const { code, host } = room;
    const started = next(dora.socket, "room:update", (r) => r.phase === "question");
    await request(host, "game:start", { code });
    await started;

    // The reveal brings each player's own result inside their copy of the room update.
    const doraReveal = next(dora.socket, "room:update", (r) => r.me?.lastResult != null);
    const revealed = next(eve.socket, "room:update", (r) => r.phase === "reveal");
    await request(dora.socket, "round:answer", {
      code,
      questionIndex: 0,
      answer: { type: "single", choice: 1 },
    });
    await request(eve.socket, "round:answer", {
      code,
      questionIndex: 0,
      answer: { type: "single", choice: 2 },
    });
    const reveal = await revealed;

    expect(reveal.reveal?.key).toEqual({ type: "single", correct: 1 });
    expect(reveal.reveal?.explanation.en).toBe("PyTorch was developed at Meta.");
    expect(reveal.reveal?.distribution).toEqual([
      { key: "0", count: 0, correct: false },
      { key: "1", count: 1, correct: true },
      { key: "2", count: 1, correct: false },
    ]);
    const me = (await doraReveal).me!;
    expect(me.lastResult?.correct).toBe(true);
    // Kahoot's rule: between 500 (at the buzzer) and 1000 (instantly).
    expect(me.lastResult?.points).toBeGreaterThan(900);
    expect(me.lastResult?.points).toBeLessThanOrEqual(1000);
    expect(me.score).toBe(me.lastResult?.points);
    expect(me.rank).toBe(1);
  });

  it("acknowledges an answer only once it is in the database", async () => {
    const room = await openRoom(h, ["fay"]);
    const [fay] = room.players;
    if (!fay) throw new Error("player missing");
    const started = next(fay.socket, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    await started;
    const ack = await request(fay.socket, "round:answer", {
      code: room.code,
      questionIndex: 0,
      answer: { type: "single", choice: 1 },
    });
    expect(ack.ok).toBe(true);
    const row = await h.db.prisma.answer.findFirst({ where: { playerId: fay.session.playerId } });
    expect(row).toMatchObject({
      questionIndex: 0,
      correctness: 1,
      payload: { type: "single", choice: 1 },
    });
  });

  it("acknowledges a burst of simultaneous answers, each stored once and timed by arrival", async () => {
    const nicknames = Array.from({ length: 24 }, (_, i) => `p${i}`);
    const room = await openRoom(h, nicknames, { defaultTimeLimitSec: 60 });
    const first = room.players[0]!;
    const started = next(first.socket, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    await started;

    const answer = (choice: number) => ({
      code: room.code,
      questionIndex: 0,
      answer: { type: "single", choice },
    });
    const acks = await Promise.all([
      ...room.players.map((p) => request(p.socket, "round:answer", answer(1))),
      // The same player twice in the same burst: exactly one of the two counts.
      request(first.socket, "round:answer", answer(0)),
    ]);
    expect(acks.filter((a) => a.ok)).toHaveLength(24);
    expect(acks.filter((a) => !a.ok)).toEqual([{ ok: false, error: "ALREADY_ANSWERED" }]);

    const rows = await h.db.prisma.answer.findMany({ where: { room: { code: room.code } } });
    expect(rows).toHaveLength(24);
    // Everyone answered within moments of the start: nobody lost speed points to the queue.
    expect(Math.max(...rows.map((r) => r.elapsedMs))).toBeLessThan(2_000);
  });

  it("counts each answer once when a player repeats it across bursts written at the same time", async () => {
    const nicknames = Array.from({ length: 16 }, (_, i) => `w${i}`);
    // One more who never answers keeps the question open to the last repeat.
    const room = await openRoom(h, [...nicknames, "idle"], { defaultTimeLimitSec: 60 });
    const answering = room.players.slice(0, nicknames.length);
    const started = next(room.players[0]!.socket, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    await started;
    // Slow writes, so each burst of answers forms while the one before is still being written.
    const rooms = h.repos.rooms;
    const save = rooms.saveAnswers.bind(rooms);
    let writing = 0;
    let mostAtOnce = 0;
    const slow = vi.spyOn(rooms, "saveAnswers").mockImplementation(async (...args) => {
      mostAtOnce = Math.max(mostAtOnce, ++writing);
      try {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return await save(...args);
      } finally {
        writing -= 1;
      }
    });
    const answer = (choice: number) => ({
      code: room.code,
      questionIndex: 0,
      answer: { type: "single", choice },
    });
    // A hostile client repeats its answer, each copy landing in a later burst than the last.
    const acks: Promise<{ player: number; ok: boolean; error?: string }>[] = [];
    for (let wave = 0; wave < 4; wave++) {
      answering.forEach((p, i) => {
        if (i % 4 > wave) return;
        acks.push(
          request(p.socket, "round:answer", answer(wave % 2)).then((a) => ({
            player: i,
            ok: a.ok,
            ...(!a.ok && { error: a.error }),
          })),
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const verdicts = await Promise.all(acks).finally(() => slow.mockRestore());
    // The bursts did overlap (else this test proves nothing), never more than the queue allows.
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(MAX_WRITES_IN_FLIGHT);
    for (let i = 0; i < nicknames.length; i++) {
      const own = verdicts.filter((v) => v.player === i);
      expect(own.filter((v) => v.ok)).toHaveLength(1);
      expect(new Set(own.filter((v) => !v.ok).map((v) => v.error))).toEqual(
        new Set(own.length > 1 ? ["ALREADY_ANSWERED"] : []),
      );
    }
    const rows = await h.db.prisma.answer.findMany({ where: { room: { code: room.code } } });
    expect(rows).toHaveLength(nicknames.length);
    const state = await h.realtime.runtime.get(room.code);
    expect(state?.counts.answeredConnected).toBe(nicknames.length);
  });

  it("keys each room's maps with its own secret hash seed", async () => {
    const rooms = [await openRoom(h, ["sid"]), await openRoom(h, ["sid"])];
    const seeds = await Promise.all(
      rooms.map(async ({ code }) => (await h.realtime.runtime.get(code))?.nicknames.seed),
    );
    expect(seeds[0]).toHaveLength(2);
    expect(seeds[0]).not.toEqual(seeds[1]);
    // The same seed keys every map of a room, so its state reads the same after serialising.
    const state = await h.realtime.runtime.get(rooms[0]!.code);
    expect(state?.players.seed).toEqual(seeds[0]);
    expect(state?.answers.seed).toEqual(seeds[0]);
  });
});
