import type { RoomState } from "@/lib/game/types";

/**
 * Where live room state is kept between events. In memory for a single process; a Redis-backed
 * store (shared by several processes) implements the same interface. Async on purpose so that
 * store can drop in without touching the runtime.
 */
export interface RoomStore {
  get(code: string): Promise<RoomState | null>;
  set(state: RoomState): Promise<void>;
  delete(code: string): Promise<void>;
  has(code: string): Promise<boolean>;
}

export class InMemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, RoomState>();

  get(code: string): Promise<RoomState | null> {
    return Promise.resolve(this.rooms.get(code) ?? null);
  }

  set(state: RoomState): Promise<void> {
    this.rooms.set(state.code, state);
    return Promise.resolve();
  }

  delete(code: string): Promise<void> {
    this.rooms.delete(code);
    return Promise.resolve();
  }

  has(code: string): Promise<boolean> {
    return Promise.resolve(this.rooms.has(code));
  }

  get size(): number {
    return this.rooms.size;
  }
}
