import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoomCodeSchema } from "@/lib/contract/schemas";
import { appContext } from "@/server/context";
import { ResultsTable, type ResultsData } from "../../components/results-table";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ code: string }>;
}): Promise<Metadata> {
  const { code } = await params;
  return { title: `Results ${code.toUpperCase()} · Kilobyte Arena` };
}

/** Final standings, read from the database (never from a room in memory). */
export default async function ResultsPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: raw } = await params;
  const parsed = RoomCodeSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const results = await appContext().repos.rooms.getResults(parsed.data);
  if (!results) notFound();
  const data: ResultsData = {
    code: results.code,
    status: results.status,
    questionSetTitle: results.questionSetTitle,
    hostName: results.hostName,
    createdAt: results.createdAt.toISOString(),
    endedAt: results.endedAt?.toISOString() ?? null,
    questionCount: results.questionCount,
    results: results.results.map((row) => ({ ...row })),
    codingRounds: results.codingRounds.map((round) => ({
      ...round,
      entries: round.entries.map((e) => ({ ...e })),
    })),
  };
  return (
    <main className="wide">
      <ResultsTable data={data} />
    </main>
  );
}
