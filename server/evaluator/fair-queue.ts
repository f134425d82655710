/**
 * Runs one task at a time, fairly across owners: each owner (a player) has its own FIFO, and
 * owners take turns, one task per turn. An owner whose task is running rejoins the back of the
 * rotation only when that task ends, so a newcomer always goes before the running owner's next
 * task: one player with ten models queued (or ten slow ones) delays another player's score by
 * at most the one evaluation already running, plus one per other player waiting.
 *
 * Knows nothing of models or child processes, so it is tested with fake tasks.
 */
export class FairQueue {
  /** Tasks not yet started, per owner, oldest first. An owner with none has no entry. */
  private readonly waiting = new Map<string, (() => void)[]>();
  /** Owners with waiting tasks, in the order they will be served, except the running owner. */
  private readonly rotation: string[] = [];
  private running: { owner: string } | undefined;

  /** Runs `task` in `owner`'s turn; settles as the task does. A failing task stalls nothing. */
  run<T>(owner: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        // A microtask, so a task that throws synchronously still settles through the promise.
        Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => this.finish(owner));
      };
      const queued = this.waiting.get(owner);
      if (queued) queued.push(start);
      else {
        this.waiting.set(owner, [start]);
        if (this.running?.owner !== owner) this.rotation.push(owner);
      }
      if (!this.running) this.next();
    });
  }

  /** Tasks waiting (not running), for one owner or for all. */
  waitingCount(owner?: string): number {
    if (owner !== undefined) return this.waiting.get(owner)?.length ?? 0;
    let n = 0;
    for (const list of this.waiting.values()) n += list.length;
    return n;
  }

  /** Whether a task is running now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  private next(): void {
    const owner = this.rotation.shift();
    if (owner === undefined) return;
    const queued = this.waiting.get(owner)!;
    const start = queued.shift()!;
    if (queued.length === 0) this.waiting.delete(owner);
    this.running = { owner };
    start();
  }

  private finish(owner: string): void {
    this.running = undefined;
    // Back of the line: everyone who queued while this task ran goes first.
    if (this.waiting.has(owner)) this.rotation.push(owner);
    this.next();
  }
}
