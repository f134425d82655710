import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { EVENTS, type PlayerSession } from "@/lib/contract/events";
import type { ErrorCode } from "@/lib/contract/errors";
import type { PlayerView, RoomUpdate, RoomView } from "@/lib/contract/views";
import type { Answer } from "@/lib/questions/schema";
import { observeServerTime } from "../lib/clock";
import {
  clearToken,
  loadToken,
  peekHandedOffSession,
  saveToken,
  takeHandedOffSession,
} from "../lib/player-session";
import { getSocket, request, watchConnection, type RequestResult } from "../lib/socket";

/** "join": no valid token for this room, show the nickname form. */
export type PlayerStatus = "connecting" | "join" | "playing" | "kicked";

/** An error belongs to the screen it happened on; it disappears when the phase moves on. */
interface ScreenError {
  code: ErrorCode;
  screen: string;
}

// Storage has no change event for the same tab; the hook re-reads it on every render.
const subscribeToNothing = () => () => {};

const screenKey = (room: RoomView | null) =>
  `${room?.phase ?? "none"}:${room?.question?.index ?? -1}`;

/** Broadcasts and acks can cross on the wire: keep whichever the server sent last. */
function newest<T extends { sentAt: number }>(prev: T | null, next: T): T {
  return prev && prev.sentAt > next.sentAt ? prev : next;
}

export interface PlayerRoom {
  status: PlayerStatus;
  connected: boolean;
  room: RoomView | null;
  me: PlayerView | null;
  error: ErrorCode | null;
  /** The current question was answered (acknowledged by the server). */
  answered: boolean;
  submitting: boolean;
  submit: (answer: Answer) => Promise<void>;
  /** Team mode, "players pick": join team `team` (lobby or between questions). */
  pickTeam: (team: number) => Promise<void>;
  picking: boolean;
  /** Self-paced attempts: close the current coding round now ("I'm done"); true once accepted. */
  closeRound: () => Promise<boolean>;
  closing: boolean;
  /** After the nickname form joined successfully. */
  adopt: (session: PlayerSession) => void;
  retry: () => void;
}

export function usePlayerRoom(code: string): PlayerRoom {
  // A session handed over by the join form is shown at once, without waiting for the effect.
  const [initial] = useState(() => peekHandedOffSession(code));
  const [status, setStatus] = useState<PlayerStatus>(initial ? "playing" : "connecting");
  const [connected, setConnected] = useState(true);
  const [room, setRoom] = useState<RoomView | null>(initial?.room ?? null);
  const [me, setMe] = useState<PlayerView | null>(initial?.me ?? null);
  const [error, setError] = useState<ScreenError | null>(null);
  const [answeredIndex, setAnsweredIndex] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const currentScreen = screenKey(room);

  // Read through a ref so `fail` (and the resume logic built on it) stays stable across phases;
  // otherwise the subscription effect would re-run, and resume again, on every broadcast.
  const screenRef = useRef(currentScreen);
  useEffect(() => {
    screenRef.current = currentScreen;
  }, [currentScreen]);
  const fail = useCallback((code: ErrorCode) => {
    setError({ code, screen: screenRef.current });
  }, []);

  const adopt = useCallback(
    (session: PlayerSession) => {
      saveToken(code, session.token);
      observeServerTime(session.room.sentAt);
      setRoom((prev) => newest(prev, session.room));
      setMe((prev) => newest(prev, session.me));
      setStatus("playing");
      setError(null);
    },
    [code],
  );

  const applyResume = useCallback(
    (result: RequestResult<typeof EVENTS.roomResume>) => {
      if (result.ok) return adopt(result.data);
      if (result.error === "KICKED") {
        clearToken(code);
        setStatus("kicked");
      } else if (result.error === "INTERNAL" || result.error === "RATE_LIMITED") {
        // Transient: keep the token, show the error with a retry button.
        fail(result.error);
      } else {
        // The token no longer opens this room (unknown room, expired, game over): join afresh.
        clearToken(code);
        fail(result.error);
        setStatus("join");
      }
    },
    [code, adopt, fail],
  );

  const resume = useCallback(() => {
    const token = loadToken(code);
    if (token) void request(EVENTS.roomResume, { token }).then(applyResume);
  }, [code, applyResume]);

  useEffect(() => {
    const socket = getSocket();
    // A recovered connection got the missed broadcasts replayed; otherwise ask for a snapshot.
    const unwatch = watchConnection(socket, setConnected, resume);
    // A reveal or the podium brings the player's own view inside the room update (one frame).
    const onRoom = ({ me: mine, ...next }: RoomUpdate) => {
      observeServerTime(next.sentAt);
      setRoom((prev) => newest(prev, next));
      if (mine) setMe((prev) => newest(prev, mine));
    };
    const onMe = (next: PlayerView) => {
      observeServerTime(next.sentAt);
      setMe((prev) => newest(prev, next));
    };
    const onKicked = () => {
      clearToken(code);
      setStatus("kicked");
    };
    socket.on(EVENTS.roomUpdate, onRoom);
    socket.on(EVENTS.playerUpdate, onMe);
    socket.on(EVENTS.playerKicked, onKicked);

    const handed = takeHandedOffSession(code);
    if (handed) saveToken(code, handed.token);
    else resume();

    return () => {
      socket.off(EVENTS.roomUpdate, onRoom);
      socket.off(EVENTS.playerUpdate, onMe);
      socket.off(EVENTS.playerKicked, onKicked);
      unwatch();
    };
  }, [code, resume]);

  const questionIndex = room?.phase === "question" ? (room.question?.index ?? null) : null;
  // The own view is not resent when a question opens: its answeredCurrent counts only if it was
  // made at this question.
  const answered =
    questionIndex !== null &&
    (answeredIndex === questionIndex ||
      (me?.questionIndex === questionIndex && me.answeredCurrent));

  const submit = useCallback(
    async (answer: Answer) => {
      if (questionIndex === null || submitting || answered) return;
      setSubmitting(true);
      const result = await request(EVENTS.roundAnswer, { code, questionIndex, answer });
      setSubmitting(false);
      // ALREADY_ANSWERED means an earlier attempt did arrive (e.g. before a reconnect).
      if (result.ok || result.error === "ALREADY_ANSWERED") setAnsweredIndex(questionIndex);
      else fail(result.error);
    },
    [code, questionIndex, submitting, answered, fail],
  );

  const [picking, setPicking] = useState(false);
  /** Team mode, "players pick": join a team (the new team arrives in the own view). */
  const pickTeam = useCallback(
    async (team: number) => {
      setPicking(true);
      const result = await request(EVENTS.teamsPick, { code, team });
      setPicking(false);
      if (!result.ok) fail(result.error);
    },
    [code, fail],
  );

  const [closing, setClosing] = useState(false);
  const codingIndex = room?.question?.type === "coding" ? questionIndex : null;
  const closeRound = useCallback(async () => {
    if (codingIndex === null) return false;
    setClosing(true);
    const result = await request(EVENTS.roundClose, { code, questionIndex: codingIndex });
    setClosing(false);
    // The draining status or the reveal follows as a broadcast; a refusal is shown here.
    if (!result.ok) fail(result.error);
    return result.ok;
  }, [code, codingIndex, fail]);

  const retry = useCallback(() => {
    setError(null);
    resume();
  }, [resume]);

  // Without a token for this room there is nothing to resume: show the nickname form. Read as an
  // external store so the server render ("connecting") and the first client render agree.
  const hasToken = useSyncExternalStore(
    subscribeToNothing,
    () => loadToken(code) !== null,
    () => true,
  );
  const effectiveStatus = status === "connecting" && !hasToken ? "join" : status;

  const visibleError =
    error && (error.screen === currentScreen || effectiveStatus !== "playing") ? error.code : null;
  return {
    status: effectiveStatus,
    connected,
    room,
    me,
    error: visibleError,
    answered,
    submitting,
    submit,
    pickTeam,
    picking,
    closeRound,
    closing,
    adopt,
    retry,
  };
}
