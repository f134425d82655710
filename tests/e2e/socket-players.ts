import { io, type Socket } from "socket.io-client";
import type { ClientToServer, PlayerSession, ServerToClient } from "@/lib/contract/events";
import type { Result } from "@/lib/contract/errors";
import type { PublicQuestion, RoomView } from "@/lib/contract/views";
import type { ModelArtifact } from "@/lib/model/artifact";
import type { Answer } from "@/lib/questions/schema";

/**
 * Players without a browser: real Socket.IO clients in the test process, speaking the same
 * contract as the phones. A projector screen needs a full room (ten names on the leaderboard, a
 * bar per option, a board of models) and ten browser contexts would cost more than the screens
 * they fill; the phone screens themselves are driven in Chromium.
 */

type Client = Socket<ServerToClient, ClientToServer>;

export interface SocketPlayer {
  nickname: string;
  socket: Client;
  session: PlayerSession;
  /** The newest room view this player received. */
  room: () => RoomView;
}

function emit<T>(socket: Client, event: keyof ClientToServer, payload: unknown): Promise<T> {
  const untyped = socket.timeout(8_000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Result<T>>;
  };
  return untyped.emitWithAck(event, payload).then((result) => {
    if (!result.ok) throw new Error(`${event} refused: ${result.error}`);
    return result.data;
  });
}

/** `candidateToken`: a registration's token, for a room under an event (README "Events"). */
export async function joinSocketPlayer(
  baseURL: string,
  code: string,
  nickname: string,
  candidateToken?: string,
): Promise<SocketPlayer> {
  const socket: Client = io(baseURL, { transports: ["websocket"], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const session = await emit<PlayerSession>(socket, "room:join", {
    code,
    nickname,
    ...(candidateToken ? { candidateToken } : {}),
  });
  let latest = session.room;
  socket.on("room:update", (room) => {
    latest = room;
  });
  return { nickname, socket, session, room: () => latest };
}

/**
 * An answer of the question's type; `seed` varies it so the room's answers spread over the options
 * (and some are right, some wrong, some partial).
 */
export function answerFor(question: PublicQuestion, seed: number): Answer | null {
  switch (question.type) {
    case "single":
      return { type: "single", choice: seed % question.options.length };
    case "multiple":
      return {
        type: "multiple",
        choices: [seed % question.options.length, (seed + 2) % question.options.length],
      };
    case "truefalse":
      return { type: "truefalse", value: seed % 3 !== 0 };
    case "ordering": {
      const order = question.items.map((_, i) => i);
      if (seed % 2) order.reverse();
      return { type: "ordering", order };
    }
    case "numeric":
      return { type: "numeric", value: seed * 7 };
    case "text":
      return { type: "text", text: seed % 2 ? "transformer" : "convolution" };
    case "coding":
      return null;
  }
}

export async function answer(player: SocketPlayer, question: PublicQuestion, seed: number) {
  const payload = answerFor(question, seed);
  if (!payload) return;
  await emit(player.socket, "round:answer", {
    code: player.session.room.code,
    questionIndex: question.index,
    answer: payload,
  });
}

/** Uploads a model the way the lab does (HTTP, the player's token as a Bearer). */
export async function submitModel(
  baseURL: string,
  player: SocketPlayer,
  round: number,
  artifact: ModelArtifact,
): Promise<number> {
  const url = `${baseURL}/api/rooms/${player.session.room.code}/submissions?round=${round}`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${player.session.token}`,
    },
    body: JSON.stringify(artifact),
  });
  return response.status;
}

export function leave(players: SocketPlayer[]): void {
  for (const p of players) p.socket.disconnect();
}
