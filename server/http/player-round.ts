import { RoomCodeSchema } from "@/lib/contract/schemas";
import { verifyPlayerToken } from "../auth/player-token";
import { bearerToken, errorResponse } from "./web-response";

/** A small non-negative integer written as plain digits ("01", "1.5", "1e2", "" are not). */
export function plainIndex(raw: string | null | undefined): number | null {
  return raw != null && /^(0|[1-9]\d{0,3})$/.test(raw) ? Number(raw) : null;
}

export type PlayerRound =
  | { ok: true; roomCode: string; playerId: string; questionIndex: number }
  | { ok: false; response: Response };

/**
 * Who asks about which round, for the lab's GET routes (training data, own submissions): the room
 * code from the path, the round from `?round=N`, and the player from the Bearer token alone, so
 * no query or path can name another player. A token of another room opens nothing here.
 */
export async function playerRound(
  request: Request,
  rawCode: string,
  secret: string,
): Promise<PlayerRound> {
  const code = RoomCodeSchema.safeParse(rawCode);
  const questionIndex = plainIndex(new URL(request.url).searchParams.get("round"));
  if (!code.success || questionIndex === null) {
    return { ok: false, response: errorResponse("INVALID_PAYLOAD") };
  }
  const token = bearerToken(request);
  const player = token ? await verifyPlayerToken(token, secret) : null;
  if (!player?.ok || player.roomCode !== code.data) {
    return { ok: false, response: errorResponse("INVALID_TOKEN") };
  }
  return { ok: true, roomCode: code.data, playerId: player.playerId, questionIndex };
}
