import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { openRoom } from "../support/room-setup";

/**
 * Issue 8 item 6: a reloaded host sees the answer count at once (it was "0 / 2 answered" when one
 * of two had answered), counted over connected players, with the offline players named for the
 * host only.
 */
describe("the host's answer count survives a reload and counts connected players", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a reloaded host's snapshot says 1 answered; a drop leaves the count and names the player", async () => {
    const room = await openRoom(h, ["ann", "bo"]);
    const [ann, bo] = room.players;
    if (!ann || !bo) throw new Error("players missing");
    const { code } = room;

    const started = next(ann.socket, "room:update", (r) => r.phase === "question");
    expect((await request(room.host, "game:start", { code })).ok).toBe(true);
    const question = await started;
    expect(question.progress).toMatchObject({ answered: 0, connected: 2, offline: 0 });

    const answered = await request(ann.socket, "round:answer", {
      code,
      questionIndex: 0,
      answer: { type: "single", choice: 1 },
    });
    expect(answered.ok).toBe(true);

    // The host's tab reloads: a brand-new socket, and its first snapshot must carry the count.
    room.host.disconnect();
    const host = await h.client({ cookie: room.hostUser.cookie });
    const attached = await request(host, "room:host", { code });
    if (!attached.ok) throw new Error(attached.error);
    expect(attached.data.room.phase).toBe("question");
    expect(attached.data.room.progress).toMatchObject({
      questionIndex: 0,
      answered: 1,
      connected: 2,
      offline: 0,
    });
    expect(attached.data.lobby.offline).toEqual([]);

    // bo drops: the count is of connected players (1 of 1), and the host hears who is offline.
    const counted = next(host, "round:progress", (p) => p.connected === 1);
    const listed = next(host, "lobby:update", (l) => l.offline.length === 1);
    const seenByPlayer: unknown[] = [];
    ann.socket.on("lobby:update", (lobby) => seenByPlayer.push(lobby));
    bo.socket.disconnect();
    expect(await counted).toMatchObject({
      questionIndex: 0,
      answered: 1,
      connected: 1,
      offline: 1,
    });
    expect((await listed).offline.map((p) => p.nickname)).toEqual(["bo"]);
    // Players never get the names: the lobby's list goes to the host alone.
    expect(seenByPlayer).toEqual([]);

    // Another reload: the snapshot says the same, names included.
    host.disconnect();
    const again = await h.client({ cookie: room.hostUser.cookie });
    const reattached = await request(again, "room:host", { code });
    if (!reattached.ok) throw new Error(reattached.error);
    expect(reattached.data.room.progress).toMatchObject({ answered: 1, connected: 1, offline: 1 });
    expect(reattached.data.lobby.offline.map((p) => p.nickname)).toEqual(["bo"]);
    // The question stays open: a drop never closes it for the others.
    expect(reattached.data.room.phase).toBe("question");
  });
});
