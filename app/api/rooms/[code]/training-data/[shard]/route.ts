import { trainingShards } from "@/lib/coding/training-slices";
import { appContext } from "@/server/context";
import { plainIndex, playerRound } from "@/server/http/player-round";
import { errorResponse } from "@/server/http/web-response";

export const dynamic = "force-dynamic";

/**
 * GET /api/rooms/:code/training-data/:shard?round=N with `Authorization: Bearer <player token>`:
 * one gzip shard of the training split (application/gzip, immutable, ETag). A hostile client
 * gets no more than the round allows: a shard past the budget is refused with
 * TRAINING_BUDGET_EXCEEDED, and only the training split is ever cut (server/http/training-data.ts, reached through the
 * app context).
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ code: string; shard: string }> },
): Promise<Response> {
  const { coding, config, trainingData } = appContext();
  const { code, shard } = await params;
  const index = plainIndex(shard);
  if (index === null) return errorResponse("INVALID_PAYLOAD");
  const asked = await playerRound(request, code, config.NEXTAUTH_SECRET);
  if (!asked.ok) return asked.response;
  const budget = await coding.trainingBudget(asked);
  if (typeof budget !== "number") return errorResponse(budget);
  const spec = trainingShards(budget)[index];
  if (!spec) return errorResponse("TRAINING_BUDGET_EXCEEDED");
  return trainingData.shardResponse(request, spec);
}
