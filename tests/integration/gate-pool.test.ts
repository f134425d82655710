import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { uploadBytes } from "@/lib/model/gate";
import { GateBusyError, GatePool } from "@/server/coding/gate-pool";
import { randomMlp } from "../support/random-model";

/** The upload gate's worker threads: real threads, real TypeScript loading, bounded queue. */
describe("GatePool", () => {
  const pools: GatePool[] = [];
  const pool = (options: ConstructorParameters<typeof GatePool>[0] = {}) => {
    const p = new GatePool(options);
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it("gates on a worker thread and hands the same bytes back", async () => {
    const gates = pool();
    const body = uploadBytes(randomMlp(8, { quantize: "uint8" }));
    const copy = body.slice();
    const outcome = await gates.gate(body);
    expect(body.byteLength).toBe(0); // transferred away, not copied
    expect(outcome.body).toEqual(copy);
    expect(outcome.threadId).not.toBe(threadId);
    expect(outcome.result.ok).toBe(true);
    expect(outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(gates.gatedOnThreads).toEqual(new Set([outcome.threadId]));
  });

  it("copies a view into a larger buffer instead of detaching the whole buffer", async () => {
    const gates = pool();
    const whole = new Uint8Array(64).fill(0x20);
    const view = whole.subarray(8, 16);
    const outcome = await gates.gate(view);
    expect(whole.byteLength).toBe(64);
    expect(outcome.result).toMatchObject({ ok: false, error: { code: "MALFORMED" } });
  });

  it("refuses uploads beyond its queue instead of queueing without end", async () => {
    const gates = pool({ size: 1, maxQueue: 1 });
    const body = () => uploadBytes(randomMlp(64));
    const first = gates.gate(body());
    const second = gates.gate(body());
    await expect(gates.gate(body())).rejects.toBeInstanceOf(GateBusyError);
    expect((await first).result.ok).toBe(true);
    expect((await second).result.ok).toBe(true);
  });
});
