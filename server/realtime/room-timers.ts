import type { TimerKey } from "@/lib/game/types";

/** The engine's timers, plus the runtime's own: broadcast throttles and the finished-room sweep. */
export type TimerName = TimerKey | "lobby" | "publish" | "retention";

/**
 * Every room's pending timers by name: setting a name again replaces its timer, so a room never
 * has two of one kind. Timers are unref'd (they never keep the process alive); after close()
 * nothing new is scheduled.
 */
export class RoomTimers {
  private readonly rooms = new Map<string, Map<TimerName, NodeJS.Timeout>>();
  private closed = false;

  set(code: string, name: TimerName, delayMs: number, fire: () => void): void {
    if (this.closed) return;
    let timers = this.rooms.get(code);
    if (!timers) {
      timers = new Map();
      this.rooms.set(code, timers);
    }
    const previous = timers.get(name);
    if (previous) clearTimeout(previous);
    const room = timers;
    const timer = setTimeout(
      () => {
        room.delete(name);
        fire();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    timers.set(name, timer);
  }

  /** Runs `fire` after `delayMs` unless a timer of that name is already pending (coalescing). */
  throttle(code: string, name: TimerName, delayMs: number, fire: () => void): void {
    if (this.rooms.get(code)?.has(name)) return;
    this.set(code, name, delayMs, fire);
  }

  clear(code: string, name: TimerName): void {
    const timers = this.rooms.get(code);
    const timer = timers?.get(name);
    if (timer) clearTimeout(timer);
    timers?.delete(name);
  }

  has(code: string, name: TimerName): boolean {
    return this.rooms.get(code)?.has(name) ?? false;
  }

  /** Forgets a room: its timers stop. */
  dispose(code: string): void {
    for (const timer of this.rooms.get(code)?.values() ?? []) clearTimeout(timer);
    this.rooms.delete(code);
  }

  /** Stops every timer; later set() calls do nothing. */
  close(): void {
    this.closed = true;
    for (const code of [...this.rooms.keys()]) this.dispose(code);
  }
}
