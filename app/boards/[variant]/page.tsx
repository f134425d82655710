import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CODING_VARIANTS, type CodingVariant } from "@/lib/coding/round";
import { appContext } from "@/server/context";
import { BestModelsTable } from "../../components/best-models-table";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Best models · Kilobyte Arena" };

/** Models under 90% private-split accuracy are not worth a place on a public board. */
const BOARD_FLOOR = 0.9;

/** The persistent per-variant best-models board, read from the database. */
export default async function BoardPage({ params }: { params: Promise<{ variant: string }> }) {
  const { variant } = await params;
  if (!(CODING_VARIANTS as readonly string[]).includes(variant)) notFound();
  const rows = await appContext().repos.submissions.bestModels(variant, BOARD_FLOOR, 50);
  return (
    <main className="wide">
      <BestModelsTable
        variant={variant as CodingVariant}
        floor={BOARD_FLOOR}
        rows={rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))}
      />
    </main>
  );
}
