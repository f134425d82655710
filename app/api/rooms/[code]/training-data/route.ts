import { appContext } from "@/server/context";
import { playerRound } from "@/server/http/player-round";
import { errorResponse, jsonResponse } from "@/server/http/web-response";

export const dynamic = "force-dynamic";

/**
 * GET /api/rooms/:code/training-data?round=N with `Authorization: Bearer <player token>`: the
 * shards of the training split the round's budget allows (lib/coding/training-slices.ts), with
 * their compressed sizes and tags, `{ ok: true, data: TrainingManifest }`. The budget is read from
 * the room, never from the request; the shards themselves come from ./[shard].
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ code: string }> },
): Promise<Response> {
  const { coding, config, trainingData } = appContext();
  const asked = await playerRound(request, (await params).code, config.NEXTAUTH_SECRET);
  if (!asked.ok) return asked.response;
  const budget = await coding.trainingBudget(asked);
  if (typeof budget !== "number") return errorResponse(budget);
  return jsonResponse(200, { ok: true, data: await trainingData.manifest(budget) });
}
