import { useCallback, useEffect, useRef, useState } from "react";
import { EVENTS } from "@/lib/contract/events";
import type { ErrorCode } from "@/lib/contract/errors";
import type { LobbyView, ProgressView, RoomView } from "@/lib/contract/views";
import type { TeamModeSetting } from "@/lib/contract/team-constants";
import { observeServerTime } from "../lib/clock";
import { getSocket, request, watchConnection, type RequestResult } from "../lib/socket";

export type HostStatus = "connecting" | "ready" | "failed";
type HostCommand =
  | typeof EVENTS.gameStart
  | typeof EVENTS.gameNext
  | typeof EVENTS.gameEnd
  | typeof EVENTS.teamsConfigure
  | typeof EVENTS.teamsShuffle;

function newest<T extends { sentAt: number }>(prev: T | null, next: T): T {
  return prev && prev.sentAt > next.sentAt ? prev : next;
}

export interface HostRoom {
  status: HostStatus;
  connected: boolean;
  room: RoomView | null;
  lobby: LobbyView | null;
  progress: ProgressView | null;
  error: ErrorCode | null;
  /** A command is waiting for its acknowledgement (buttons are disabled meanwhile). */
  busy: boolean;
  start: () => Promise<void>;
  next: () => Promise<void>;
  end: () => Promise<void>;
  setLocked: (locked: boolean) => Promise<void>;
  kick: (playerId: string) => Promise<void>;
  /** Hide (true) or show again (false) a player's nickname on every screen. */
  mute: (playerId: string, muted: boolean) => Promise<void>;
  /** Team mode (lobby): mode, number of teams, names (null: the colour's name). */
  configureTeams: (mode: TeamModeSetting, count: number, names: (string | null)[]) => Promise<void>;
  shuffleTeams: () => Promise<void>;
  assignTeam: (playerId: string, team: number) => Promise<void>;
  retry: () => void;
}

export function useHostRoom(code: string): HostRoom {
  const [status, setStatus] = useState<HostStatus>("connecting");
  const [connected, setConnected] = useState(true);
  const [room, setRoom] = useState<RoomView | null>(null);
  const [lobby, setLobby] = useState<LobbyView | null>(null);
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const applyAttach = useCallback((result: RequestResult<typeof EVENTS.roomHost>) => {
    if (!result.ok) {
      setError(result.error);
      setStatus("failed");
      return;
    }
    observeServerTime(result.data.room.sentAt);
    setRoom((prev) => newest(prev, result.data.room));
    setLobby((prev) => newest(prev, result.data.lobby));
    setError(null);
    setStatus("ready");
  }, []);

  /** room:host both opens the host screen and re-attaches it after a reload or reconnect. */
  const attach = useCallback(
    () => request(EVENTS.roomHost, { code }).then(applyAttach),
    [code, applyAttach],
  );

  useEffect(() => {
    const socket = getSocket();
    const unwatch = watchConnection(socket, setConnected, () => void attach());
    const onRoom = (next: RoomView) => {
      observeServerTime(next.sentAt);
      setRoom((prev) => newest(prev, next));
    };
    const onLobby = (next: LobbyView) => {
      observeServerTime(next.sentAt);
      setLobby((prev) => newest(prev, next));
    };
    const onProgress = (next: ProgressView) => {
      observeServerTime(next.sentAt);
      setProgress(next);
    };
    socket.on(EVENTS.roomUpdate, onRoom);
    socket.on(EVENTS.lobbyUpdate, onLobby);
    socket.on(EVENTS.roundProgress, onProgress);
    void attach();
    return () => {
      socket.off(EVENTS.roomUpdate, onRoom);
      socket.off(EVENTS.lobbyUpdate, onLobby);
      socket.off(EVENTS.roundProgress, onProgress);
      unwatch();
    };
  }, [attach]);

  /** One command at a time: a double tap on "Next" must not skip a question. */
  const run = useCallback(async (send: () => ReturnType<typeof request<HostCommand>>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    const result = await send();
    busyRef.current = false;
    setBusy(false);
    if (!result.ok) setError(result.error);
  }, []);

  const start = useCallback(() => run(() => request(EVENTS.gameStart, { code })), [run, code]);
  const next = useCallback(() => run(() => request(EVENTS.gameNext, { code })), [run, code]);
  const end = useCallback(() => run(() => request(EVENTS.gameEnd, { code })), [run, code]);
  const setLocked = useCallback(
    (locked: boolean) => run(() => request(EVENTS.roomLock, { code, locked })),
    [run, code],
  );

  const kick = useCallback(
    async (playerId: string) => {
      const result = await request(EVENTS.roomKick, { code, playerId });
      if (!result.ok) return setError(result.error);
      // The lobby list is broadcast on a throttle; drop the player now so the host sees it worked.
      setLobby(
        (prev) =>
          prev && {
            ...prev,
            count: Math.max(0, prev.count - 1),
            players: prev.players.filter((p) => p.playerId !== playerId),
            offline: prev.offline.filter((p) => p.playerId !== playerId),
          },
      );
    },
    [code],
  );

  const mute = useCallback(
    async (playerId: string, muted: boolean) => {
      const result = await request(EVENTS.roomMute, { code, playerId, muted });
      if (!result.ok) setError(result.error);
    },
    [code],
  );

  const configureTeams = useCallback(
    (mode: TeamModeSetting, count: number, names: (string | null)[]) =>
      run(() =>
        request(EVENTS.teamsConfigure, {
          code,
          // Names past the new count are dropped (the schema allows at most one per team).
          teams: { mode, count, names: names.slice(0, count) },
        }),
      ),
    [run, code],
  );
  const shuffleTeams = useCallback(
    () => run(() => request(EVENTS.teamsShuffle, { code })),
    [run, code],
  );
  const assignTeam = useCallback(
    async (playerId: string, team: number) => {
      const result = await request(EVENTS.teamsAssign, { code, playerId, team });
      if (!result.ok) setError(result.error);
    },
    [code],
  );

  const retry = useCallback(() => {
    setStatus("connecting");
    void attach();
  }, [attach]);

  return {
    status,
    connected,
    room,
    lobby,
    progress,
    error,
    busy,
    start,
    next,
    end,
    setLocked,
    kick,
    mute,
    configureTeams,
    shuffleTeams,
    assignTeam,
    retry,
  };
}
