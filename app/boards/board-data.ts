import { BOARD_SIZE, CODING_VARIANTS, type CodingVariant } from "@/lib/coding/round";
import type { BestModelRow } from "@/lib/contract/results";
import type { BestModelRowData } from "../components/best-models-table";

/**
 * What /boards/:variant renders, as plain data (the page passes it to a client component). The
 * same repository read as GET /api/boards/:variant: final models of closed rounds only, room
 * codes of finished rooms only. Null for an unknown variant (the page answers 404).
 */
export async function boardPageData(
  submissions: { bestModels(variant: string, limit: number): Promise<BestModelRow[]> },
  variant: string,
): Promise<{ variant: CodingVariant; rows: BestModelRowData[] } | null> {
  if (!(CODING_VARIANTS as readonly string[]).includes(variant)) return null;
  const rows = await submissions.bestModels(variant, BOARD_SIZE);
  return {
    variant: variant as CodingVariant,
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}
