import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { appContext } from "@/server/context";
import { BestModelsTable } from "../../components/best-models-table";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { boardPageData } from "../board-data";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "meta.boardsTitle")} · Kilobyte Arena` };
}

/**
 * The persistent per-variant best-models board, read from the database. Its bar is each model's
 * own round's task, fixed when that round closed; the page takes no floor from the URL.
 */
export default async function BoardPage({ params }: { params: Promise<{ variant: string }> }) {
  const { variant } = await params;
  const data = await boardPageData(appContext().repos.submissions, variant);
  if (!data) notFound();
  return (
    <main className="wide">
      <BestModelsTable variant={data.variant} rows={data.rows} />
    </main>
  );
}
