import { Worker } from "node:worker_threads";

/**
 * Accounts created before argon2 hold bcryptjs cost-12 hashes: ~250 ms of pure JavaScript each,
 * which on the main thread stalls every room (40 parallel sign-ins pushed /api/health to 6-9 s).
 * They are checked here instead, in worker threads, and rehashed to argon2 on the next successful
 * sign-in (auth-options.ts), so this path fades out. Why workers and not a native bcrypt: the
 * maintained native packages fetch binaries at install, and bcryptjs is already a dependency.
 *
 * Workers start on first use and are unref'd while idle, so an install with no bcrypt hashes never
 * pays for them and nothing is kept alive by them.
 */
interface Slot {
  worker: Worker;
  pending: Map<number, (matches: boolean) => void>;
}

export class BcryptVerifier {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  constructor(
    private readonly script: URL,
    private readonly size = 2,
  ) {}

  verify(plain: string, hash: string): Promise<boolean> {
    const slot = this.leastBusy();
    const id = this.nextId++;
    if (slot.pending.size === 0) slot.worker.ref();
    return new Promise<boolean>((resolve) => {
      slot.pending.set(id, resolve);
      slot.worker.postMessage({ id, plain, hash });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map(({ worker }) => worker.terminate()));
  }

  private leastBusy(): Slot {
    const idle = this.slots.find((slot) => slot.pending.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script), pending: new Map() };
    slot.worker.unref();
    slot.worker.on("message", ({ id, matches }: { id: number; matches: boolean }) => {
      const resolve = slot.pending.get(id);
      slot.pending.delete(id);
      if (slot.pending.size === 0) slot.worker.unref();
      resolve?.(matches === true);
    });
    // A crashed worker fails its pending checks closed (a wrong password) and is replaced.
    slot.worker.on("error", () => this.retire(slot));
    slot.worker.on("exit", () => this.retire(slot));
    this.slots.push(slot);
    return slot;
  }

  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    for (const resolve of slot.pending.values()) resolve(false);
    slot.pending.clear();
  }
}
