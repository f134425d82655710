import { connect as tcpConnect, type Socket as NetSocket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type Harness, request, startHarness } from "../support/realtime-harness";
import { openRoom } from "../support/room-setup";

/** Connection caps per client address and the join timeout (issue 7, item 11). */
describe("connections per address (TRUST_PROXY on: X-Forwarded-For's last hop)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres", {
      settings: { trustProxy: true, maxConnectionsPerAddress: 5, joinTimeoutMs: 1_000 },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const closed = (socket: Client) =>
    new Promise<string>((resolve) => socket.once("disconnect", resolve));

  it("refuses the 6th connection from one address while other addresses connect", async () => {
    const from = (address: string) => ({ "x-forwarded-for": `198.51.100.7, ${address}` });
    const five = await Promise.all(
      [1, 2, 3, 4, 5].map(() => h.client({ headers: from("10.9.0.1") })),
    );
    await expect(h.client({ headers: from("10.9.0.1") })).rejects.toThrow();
    const other = await h.client({ headers: from("10.9.0.2") });
    expect(other.connected).toBe(true);
    // The first entry is the client's own claim and is not trusted: it changes nothing.
    await expect(
      h.client({ headers: { "x-forwarded-for": "1.2.3.4, 10.9.0.1" } }),
    ).rejects.toThrow();
    // A closed connection frees its place.
    const gone = five[0]!;
    const freed = new Promise<void>((resolve) => setTimeout(resolve, 200));
    gone.disconnect();
    await freed;
    expect((await h.client({ headers: from("10.9.0.1") })).connected).toBe(true);
  });

  it("counts a burst of parallel handshakes exactly", async () => {
    const headers = { "x-forwarded-for": "10.9.0.3" };
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () => h.client({ headers })),
    );
    const open = attempts.filter(
      (a): a is PromiseFulfilledResult<Client> => a.status === "fulfilled",
    );
    // A handshake that passed the check before the count filled is closed right after it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(open.filter((a) => a.value.connected).length).toBeLessThanOrEqual(5);
    expect(open.filter((a) => a.value.connected).length).toBeGreaterThan(0);
  });

  it("closes a socket that joins no room within the timeout, and keeps one that joined", async () => {
    const room = await openRoom(h, ["stay"]);
    const [stay] = room.players;
    const idle = await h.client({ headers: { "x-forwarded-for": "10.9.0.4" } });
    const reason = await closed(idle);
    expect(reason).toBe("io server disconnect");
    // Past the timeout, the joined player and the host are still connected and served.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stay!.socket.connected).toBe(true);
    expect(room.host.connected).toBe(true);
    expect((await request(room.host, "game:start", { code: room.code })).ok).toBe(true);
  });
});

describe("raw TCP connections per address (TRUST_PROXY off)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite", {
      settings: { trustProxy: false, maxTcpConnectionsPerAddress: 3, joinTimeoutMs: 0 },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("destroys a TCP connection over the cap before reading it", async () => {
    const port = Number(new URL(h.url).port);
    const open = (): Promise<NetSocket> =>
      new Promise((resolve, reject) => {
        const socket = tcpConnect(port, "127.0.0.1", () => resolve(socket));
        socket.once("error", reject);
      });
    /** Resolves true when the server closes the connection within `ms`. */
    const closedBy = (socket: NetSocket, ms: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        socket.once("close", () => {
          clearTimeout(timer);
          resolve(true);
        });
        socket.once("error", () => undefined);
      });
    const three = await Promise.all([open(), open(), open()]);
    const fourth = await open();
    expect(await closedBy(fourth, 1_000)).toBe(true);
    expect(await closedBy(three[0], 200)).toBe(false);
    three[0].destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await open();
    expect(await closedBy(again, 300)).toBe(false);
    for (const socket of [...three, again]) socket.destroy();
  });
});
