import { describe, expect, it } from "vitest";
import { FairQueue } from "@/server/evaluator/fair-queue";

/**
 * The evaluator's scheduler with fake jobs: each job waits until the test finishes it, so the
 * order jobs START in is observed exactly, with no clock involved.
 */
function harness() {
  const queue = new FairQueue();
  const started: string[] = [];
  const finishers = new Map<string, { ok: () => void; fail: (e: Error) => void }>();
  const submit = (owner: string, id: string) =>
    queue.run(
      owner,
      () =>
        new Promise<string>((resolve, reject) => {
          started.push(id);
          finishers.set(id, { ok: () => resolve(id), fail: reject });
        }),
    );
  /** Lets queued microtasks run (a job starts on a microtask). */
  const settle = () => new Promise((r) => setImmediate(r));
  const finish = async (id: string, error?: Error) => {
    const f = finishers.get(id);
    if (!f) throw new Error(`${id} has not started`);
    if (error) f.fail(error);
    else f.ok();
    await settle();
  };
  /** Finishes whatever is running until nothing is left; returns the start order. */
  const drain = async () => {
    await settle();
    for (let done = 0; done < started.length; done++) await finish(started[done]!);
    return started;
  };
  return { queue, started, submit, finish, settle, drain };
}

describe("FairQueue", () => {
  it("A submits 5 jobs, then B one: B's starts after at most one of A's", async () => {
    const { submit, drain } = harness();
    const results = ["a1", "a2", "a3", "a4", "a5"].map((id) => submit("A", id));
    results.push(submit("B", "b1"));
    const order = await drain();
    expect(order.indexOf("b1")).toBeLessThanOrEqual(1);
    expect(order).toEqual(["a1", "b1", "a2", "a3", "a4", "a5"]);
    expect(await Promise.all(results)).toEqual(["a1", "a2", "a3", "a4", "a5", "b1"]);
  });

  it("B arriving while A's first job already runs still goes next", async () => {
    const { submit, settle, started, drain } = harness();
    for (const id of ["a1", "a2", "a3"]) void submit("A", id);
    await settle();
    expect(started).toEqual(["a1"]);
    void submit("B", "b1");
    expect(await drain()).toEqual(["a1", "b1", "a2", "a3"]);
  });

  it("serves three owners round-robin, each in its own FIFO order", async () => {
    const { submit, drain } = harness();
    for (const id of ["a1", "a2", "a3"]) void submit("A", id);
    for (const id of ["b1", "b2"]) void submit("B", id);
    for (const id of ["c1", "c2", "c3"]) void submit("C", id);
    expect(await drain()).toEqual(["a1", "b1", "c1", "a2", "b2", "c2", "a3", "c3"]);
  });

  it("an owner who comes back after its queue emptied waits its turn behind the others", async () => {
    const { submit, settle, finish, started, drain } = harness();
    void submit("A", "a1");
    void submit("B", "b1");
    await settle();
    void submit("A", "a2"); // a1 is running: A rejoins after it, behind B
    await finish("a1");
    expect(started).toEqual(["a1", "b1"]);
    expect(await drain()).toEqual(["a1", "b1", "a2"]);
  });

  it("a failing job rejects its own caller and does not stall the queue", async () => {
    const { submit, settle, finish, drain } = harness();
    const failing = submit("A", "a1").catch((e: Error) => `failed: ${e.message}`);
    const next = [submit("A", "a2"), submit("B", "b1")];
    await settle();
    await finish("a1", new Error("child crashed"));
    expect(await failing).toBe("failed: child crashed");
    expect(await drain()).toEqual(["a1", "b1", "a2"]);
    expect(await Promise.all(next)).toEqual(["a2", "b1"]);
  });

  it("a job that throws synchronously is a rejection too, and the next job runs", async () => {
    const queue = new FairQueue();
    const thrown = queue.run("A", () => {
      throw new Error("sync");
    });
    const after = queue.run("A", () => Promise.resolve("ran"));
    await expect(thrown).rejects.toThrow("sync");
    expect(await after).toBe("ran");
    expect(queue.busy).toBe(false);
    expect(queue.waitingCount()).toBe(0);
  });

  it("runs one job at a time and counts what waits", async () => {
    const { queue, submit, settle, started, drain } = harness();
    for (const id of ["a1", "a2"]) void submit("A", id);
    void submit("B", "b1");
    await settle();
    expect(started).toEqual(["a1"]);
    expect(queue.busy).toBe(true);
    expect(queue.waitingCount("A")).toBe(1);
    expect(queue.waitingCount()).toBe(2);
    await drain();
    expect(queue.busy).toBe(false);
  });
});
