import type { Logger } from "../logger";
import type { RoomRepository } from "../repositories/types";
import type { RoomStore } from "./room-store";

/**
 * Start-up: a room Postgres still has as LOBBY or RUNNING, but that no store holds, will never
 * be driven again (its process stopped with it in memory, or Redis lost it). It is closed as
 * ABORTED with its answers and standings kept, rather than left "running" forever. Rooms the
 * store does hold are not touched: on Redis, the lease sweep resumes them (room-leases.ts).
 * A challenge attempt's room is not an orphan: until the challenge's deadline, starting the
 * attempt again rebuilds it from Postgres (server/challenges/attempt-rooms.ts), so it is left as
 * it is; after the deadline, a started one closes FINISHED with its stored answers counted (the
 * repository's abortUnfinished decides, so the idle clean-up agrees).
 *
 * `graceMs`: with several nodes, a room being created elsewhere right now is in Postgres a moment
 * before it is in Redis, so only rooms older than this count. A single process starts with an
 * empty store and creates nothing before this runs: 0.
 */
export async function closeOrphanedRooms(deps: {
  rooms: RoomRepository;
  store: RoomStore;
  logger: Logger;
  graceMs: number;
  now?: () => number;
}): Promise<string[]> {
  const now = (deps.now ?? Date.now)();
  const live = (await deps.store.summaries()).map((summary) => summary.code);
  const closed = await deps.rooms.abortUnfinished({
    at: new Date(now),
    exceptCodes: live,
    createdBefore: new Date(now - deps.graceMs),
  });
  if (closed.length > 0) {
    deps.logger.warn("rooms left unfinished by a stopped process were aborted", {
      count: closed.length,
      codes: closed.slice(0, 20),
    });
  }
  return closed;
}
