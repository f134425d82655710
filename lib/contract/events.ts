import type { z } from "zod";
import type { Result } from "./errors";
import type {
  CloseRoundSchema,
  CreateRoomSchema,
  HostCommandSchema,
  HostRoomSchema,
  JoinRoomSchema,
  KickSchema,
  LockRoomSchema,
  MuteSchema,
  ResumeSchema,
  SubmitAnswerSchema,
} from "./schemas";
import type {
  AssignTeamSchema,
  ConfigureTeamsSchema,
  PickTeamSchema,
  ShuffleTeamsSchema,
} from "./teams";
import type {
  LobbyView,
  PlayerView,
  ProgressView,
  RoomUpdate,
  RoomView,
  SubmissionResultView,
} from "./views";

/**
 * The one Socket.IO contract, imported by the server (`new Server<ClientToServer, ...>`) and the
 * client (`Socket<ServerToClient, ClientToServer>`). Requests are acknowledged with a Result;
 * facts are broadcast. Event names are `domain:verb` keys of EVENTS; use the constants, not
 * string literals.
 */
export const EVENTS = {
  roomCreate: "room:create",
  roomHost: "room:host",
  roomJoin: "room:join",
  roomResume: "room:resume",
  roomLock: "room:lock",
  roomKick: "room:kick",
  roomMute: "room:mute",
  gameStart: "game:start",
  gameNext: "game:next",
  gameEnd: "game:end",
  roundAnswer: "round:answer",
  roundClose: "round:close",
  teamsConfigure: "teams:configure",
  teamsShuffle: "teams:shuffle",
  teamsAssign: "teams:assign",
  teamsPick: "teams:pick",
  // server -> client
  roomUpdate: "room:update",
  playerUpdate: "player:update",
  lobbyUpdate: "lobby:update",
  roundProgress: "round:progress",
  playerKicked: "player:kicked",
  submissionResult: "submission:result",
} as const;

type Ack<T> = (result: Result<T>) => void;

export interface PlayerSession {
  playerId: string;
  /** Signed; present it to `room:resume` after a reload or a lost connection. */
  token: string;
  room: RoomView;
  me: PlayerView;
}

export interface HostSession {
  room: RoomView;
  lobby: LobbyView;
}

export interface ClientToServer {
  "room:create": (payload: z.input<typeof CreateRoomSchema>, ack: Ack<{ code: string }>) => void;
  "room:host": (payload: z.input<typeof HostRoomSchema>, ack: Ack<HostSession>) => void;
  "room:join": (payload: z.input<typeof JoinRoomSchema>, ack: Ack<PlayerSession>) => void;
  "room:resume": (payload: z.input<typeof ResumeSchema>, ack: Ack<PlayerSession>) => void;
  "room:lock": (payload: z.input<typeof LockRoomSchema>, ack: Ack<null>) => void;
  "room:kick": (payload: z.input<typeof KickSchema>, ack: Ack<null>) => void;
  "room:mute": (payload: z.input<typeof MuteSchema>, ack: Ack<null>) => void;
  "game:start": (payload: z.input<typeof HostCommandSchema>, ack: Ack<null>) => void;
  "game:next": (payload: z.input<typeof HostCommandSchema>, ack: Ack<null>) => void;
  "game:end": (payload: z.input<typeof HostCommandSchema>, ack: Ack<null>) => void;
  "round:answer": (
    payload: z.input<typeof SubmitAnswerSchema>,
    ack: Ack<{ questionIndex: number }>,
  ) => void;
  /**
   * Player of a self-paced attempt only, during a coding round: "I'm done", close the round now
   * (as its clock would; lib/game/self-paced.ts). In a live room SELF_PACED_ONLY.
   */
  "round:close": (payload: z.input<typeof CloseRoundSchema>, ack: Ack<null>) => void;
  /** Host, lobby only: team mode, count and names (lib/game/teams.ts). */
  "teams:configure": (payload: z.input<typeof ConfigureTeamsSchema>, ack: Ack<null>) => void;
  /** Host, lobby or between questions: everyone dealt at random (the server draws the seed). */
  "teams:shuffle": (payload: z.input<typeof ShuffleTeamsSchema>, ack: Ack<null>) => void;
  /** Host, lobby or between questions: one player to one team. */
  "teams:assign": (payload: z.input<typeof AssignTeamSchema>, ack: Ack<null>) => void;
  /** Player, "players pick" mode, lobby or between questions: join a team. */
  "teams:pick": (payload: z.input<typeof PickTeamSchema>, ack: Ack<null>) => void;
}

export interface ServerToClient {
  /** A phase or room change; a player's copy carries their own view when it changed too. */
  "room:update": (room: RoomUpdate) => void;
  /** One player's own view, when no room:update carries it (a mute, a coding round's verdicts). */
  "player:update": (me: PlayerView) => void;
  "lobby:update": (lobby: LobbyView) => void;
  /** Answer counts, on a tick, to the host's screens only (players count down by the deadline). */
  "round:progress": (progress: ProgressView) => void;
  "player:kicked": (info: { sentAt: number }) => void;
  "submission:result": (result: SubmissionResultView) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServer {}

/** Per-socket data, set by the handshake (identity) and by join/host (role). */
export interface SocketData {
  /** From the verified next-auth session cookie; null for guests. */
  userId: string | null;
  userName: string | null;
  /** The client address limits key on (X-Forwarded-For's last hop only behind TRUST_PROXY). */
  address: string;
  /** The room this socket plays in or hosts, once joined. */
  roomCode?: string;
  playerId?: string;
  isHost?: boolean;
}
