import { expect } from "vitest";
import type { z } from "zod";
import type { PlacedCodingRoundSchema } from "@/lib/coding/round";
import type { RoomSettingsInput } from "@/lib/contract/schemas";

type PlacedCodingRoundInput = z.input<typeof PlacedCodingRoundSchema>;
import type { PlayerSession } from "@/lib/contract/events";
import { type Client, type Harness, request } from "./realtime-harness";

export interface JoinedPlayer {
  nickname: string;
  socket: Client;
  session: PlayerSession;
}

export interface OpenRoom {
  code: string;
  host: Client;
  hostUser: { id: string; cookie: string };
  players: JoinedPlayer[];
}

/** A signed-in host creates a room on the fixture set and players join it by code. */
export async function openRoom(
  h: Pick<Harness, "createUser" | "client">,
  nicknames: string[],
  settings: RoomSettingsInput = {},
  codingRounds: PlacedCodingRoundInput[] = [],
): Promise<OpenRoom> {
  const hostUser = await h.createUser("Host");
  const host = await h.client({ cookie: hostUser.cookie });
  const created = await request(host, "room:create", {
    questionSetSlug: "test-fixture",
    settings,
    codingRounds,
  });
  if (!created.ok) throw new Error(`room:create failed: ${created.error}`);
  const { code } = created.data;
  const attached = await request(host, "room:host", { code });
  expect(attached.ok).toBe(true);

  const players: JoinedPlayer[] = [];
  for (const nickname of nicknames) {
    const socket = await h.client();
    const joined = await request(socket, "room:join", { code, nickname });
    if (!joined.ok) throw new Error(`room:join failed: ${joined.error}`);
    players.push({ nickname, socket, session: joined.data });
  }
  return { code, host, hostUser, players };
}
