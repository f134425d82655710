import type { HostSession, PlayerSession } from "../../lib/contract/events";
import type { LobbyView, PlayerView, RoomView } from "../../lib/contract/views";

/**
 * The product's own frames from one run, replayed by the bare server (bare-server.ts) so both
 * servers send payloads of the same size: the host's copy of each phase per question (a player's
 * copy is the same view, plus `me` at a reveal and the podium), one player's own view and token.
 */
export interface FrameTemplates {
  code: string;
  token: string;
  /** A player's own view in the join ack (no result yet). */
  joinMe: PlayerView;
  /** A player's own view at a reveal (with its last result). */
  me: PlayerView;
  lobbyRoom: RoomView;
  hostLobby: LobbyView;
  questions: RoomView[];
  reveals: RoomView[];
  leaderboards: RoomView[];
  podium: RoomView | null;
}

/** Fills itself from the host's frames; the player's parts come from a player's join ack. */
export class TemplateRecorder {
  private readonly byPhase = {
    question: [] as RoomView[],
    reveal: [] as RoomView[],
    leaderboard: [] as RoomView[],
  };
  private podium: RoomView | null = null;
  private player: PlayerSession | null = null;
  private revealMe: PlayerView | null = null;

  constructor(
    private readonly code: string,
    private readonly hosted: HostSession,
  ) {}

  onHostRoom(view: RoomView): void {
    if (view.phase === "podium") this.podium ??= view;
    else if (view.phase !== "lobby" && view.question) {
      const list = this.byPhase[view.phase];
      list[view.question.index] ??= view;
    }
  }

  onPlayerSample(session: PlayerSession, revealMe: PlayerView): void {
    this.player ??= session;
    this.revealMe ??= revealMe;
  }

  /** Null until the product has sent every kind of frame once. */
  templates(): FrameTemplates | null {
    const { question, reveal, leaderboard } = this.byPhase;
    if (
      !this.player ||
      !this.revealMe ||
      question.length === 0 ||
      reveal.length === 0 ||
      leaderboard.length === 0
    )
      return null;
    return {
      code: this.code,
      token: this.player.token,
      joinMe: this.player.me,
      me: this.revealMe,
      lobbyRoom: this.player.room,
      hostLobby: this.hosted.lobby,
      questions: question,
      reveals: reveal,
      leaderboards: leaderboard,
      podium: this.podium,
    };
  }
}
