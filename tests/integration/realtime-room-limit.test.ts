import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOM_PLAYERS_MAX } from "@/lib/contract/schemas";
import { loadConfig } from "@/server/config";
import { type Harness, request, startHarness } from "../support/realtime-harness";

/**
 * A room may hold up to 10,000 players (the engine's work per answer and join no longer grows
 * with the room); a server can lower that with MAX_ROOM_PLAYERS, and room:create holds it.
 */
describe("room size limit", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres", { settings: { maxRoomPlayers: 50 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const create = async (maxPlayers: number) => {
    const user = await h.createUser("Host");
    const host = await h.client({ cookie: user.cookie });
    return request(host, "room:create", {
      questionSetSlug: "test-fixture",
      settings: { maxPlayers },
    });
  };

  it("takes maxPlayers up to the server's limit and refuses more, creating nothing", async () => {
    expect((await create(50)).ok).toBe(true);
    const rooms = await h.db.prisma.room.count();
    expect(await create(51)).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    expect(await h.db.prisma.room.count()).toBe(rooms);
  });

  it("defaults to 10,000, and the schema refuses anything above it", async () => {
    const base = {
      NODE_ENV: "test",
      NEXTAUTH_SECRET: "x".repeat(32),
      DATA_DIR: "/tmp/unused",
    } as const;
    expect(ROOM_PLAYERS_MAX).toBe(10_000);
    expect(loadConfig(base).MAX_ROOM_PLAYERS).toBe(10_000);
    expect(loadConfig({ ...base, MAX_ROOM_PLAYERS: "2000" }).MAX_ROOM_PLAYERS).toBe(2_000);
    expect(() => loadConfig({ ...base, MAX_ROOM_PLAYERS: "10001" })).toThrow(/MAX_ROOM_PLAYERS/);

    const open = await startHarness("postgres");
    try {
      const user = await open.createUser("Host");
      const host = await open.client({ cookie: user.cookie });
      const make = (maxPlayers: number) =>
        request(host, "room:create", { questionSetSlug: "test-fixture", settings: { maxPlayers } });
      expect((await make(10_000)).ok).toBe(true);
      expect(await make(10_001)).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    } finally {
      await open.close();
    }
  });
});
