import { BOARD_SIZE, CODING_VARIANTS, type CodingVariant } from "@/lib/coding/round";
import { appContext } from "@/server/context";
import { errorResponse, jsonResponse } from "@/server/http/web-response";

export const dynamic = "force-dynamic";

/**
 * GET /api/boards/:variant: the best models of every room's closed coding rounds of that variant,
 * as on /boards/:variant. Its bar is each model's own round's task, fixed when that round closed:
 * a `floor` (or any other) query parameter is ignored, so no URL can widen the board.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ variant: string }> },
): Promise<Response> {
  const { repos } = appContext();
  const { variant } = await params;
  if (!isVariant(variant)) return errorResponse("INVALID_PAYLOAD");
  const data = await repos.submissions.bestModels(variant, BOARD_SIZE);
  return jsonResponse(200, { ok: true, data });
}

function isVariant(value: string): value is CodingVariant {
  return (CODING_VARIANTS as readonly string[]).includes(value);
}
