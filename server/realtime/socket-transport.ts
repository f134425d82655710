import { EVENTS } from "@/lib/contract/events";
import type {
  LobbyView,
  PlayerView,
  ProgressView,
  RoomView,
  SubmissionResultView,
} from "@/lib/contract/views";
import type { RoomTransport } from "./room-transport";
import { cutsBundles, ownViewsBundle } from "./own-view-bundles";
import { roomWithOwnView } from "./shared-room-frames";
import { channels, type ArenaServer } from "./socket-types";

/** RoomTransport over Socket.IO rooms (works unchanged with a Redis adapter). */
export class SocketIoRoomTransport implements RoomTransport {
  constructor(private readonly io: ArenaServer) {}

  toRoom(code: string, room: RoomView): void {
    this.io.to(channels.room(code)).emit(EVENTS.roomUpdate, room);
  }

  toHost(code: string, room: RoomView): void {
    this.io.to(channels.host(code)).emit(EVENTS.roomUpdate, room);
  }

  roomToPlayer(playerId: string, room: RoomView, me: PlayerView): void {
    this.io.to(channels.player(playerId)).emit(EVENTS.roomUpdate, roomWithOwnView(room, me));
  }

  roomToPlayers(code: string, room: RoomView, mes: readonly PlayerView[]): void {
    if (!cutsBundles(this.io.of("/"))) {
      for (const me of mes) this.roomToPlayer(me.playerId, room, me);
      return;
    }
    // Several nodes: one adapter message that each node cuts into its own players' frames.
    const bundle = ownViewsBundle(room, mes) as unknown as RoomView;
    this.io.to(channels.room(code)).emit(EVENTS.roomUpdate, bundle);
  }

  toPlayer(playerId: string, me: PlayerView): void {
    this.io.to(channels.player(playerId)).emit(EVENTS.playerUpdate, me);
  }

  lobbyToHost(code: string, lobby: LobbyView): void {
    this.io.to(channels.host(code)).emit(EVENTS.lobbyUpdate, lobby);
  }

  progress(code: string, progress: ProgressView): void {
    // Players count down by the question's deadline; only the host shows how many answered.
    this.io.to(channels.host(code)).emit(EVENTS.roundProgress, progress);
  }

  submissionResult(playerId: string, result: SubmissionResultView): void {
    this.io.to(channels.player(playerId)).emit(EVENTS.submissionResult, result);
  }

  kick(code: string, playerId: string, sentAt: number): void {
    const target = channels.player(playerId);
    this.io.to(target).emit(EVENTS.playerKicked, { sentAt });
    // Then close their connections (which leaves every channel): a kicked socket has nothing
    // left to do here. Engine.IO flushes the message above before it closes the transport.
    this.io.in(target).disconnectSockets(true);
  }
}
