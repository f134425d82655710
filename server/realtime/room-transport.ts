import type {
  LobbyView,
  PlayerView,
  ProgressView,
  RoomView,
  SubmissionResultView,
} from "@/lib/contract/views";

/**
 * How the runtime reaches clients. SocketIoRoomTransport (socket-transport.ts) is the real one;
 * tests can record calls. Every method is fire-and-forget: delivery is Socket.IO's job, and a
 * client that missed something gets a full snapshot when it resumes.
 */
export interface RoomTransport {
  /** Everyone in the room (host and players). */
  toRoom(code: string, room: RoomView): void;
  /** The host's screens only (the players get their own copies through roomToPlayer). */
  toHost(code: string, room: RoomView): void;
  /**
   * One player's copy of a room update with their own view in it. Called for every player with
   * the same `room` object, so a transport can serialise it once (shared-room-frames.ts).
   */
  roomToPlayer(playerId: string, room: RoomView, me: PlayerView): void;
  /**
   * roomToPlayer for each of `mes` (players of room `code`); a transport may send them as one
   * message (own-view-bundles.ts), as long as each player gets the same frame.
   */
  roomToPlayers(code: string, room: RoomView, mes: readonly PlayerView[]): void;
  /** One player's own view alone. */
  toPlayer(playerId: string, me: PlayerView): void;
  /** The lobby's list, to the host's screens (players read the count from the room's view). */
  lobbyToHost(code: string, lobby: LobbyView): void;
  /** The answer count, to the host's screens. */
  progress(code: string, progress: ProgressView): void;
  kick(code: string, playerId: string, sentAt: number): void;
  submissionResult(playerId: string, result: SubmissionResultView): void;
}
