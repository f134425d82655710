import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { RoomCodeSchema } from "@/lib/contract/schemas";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { forwardedAddress } from "@/server/http/client-address";
import { limitedLookup } from "@/server/realtime/rate-limits";
import { ErrorMessage } from "../../components/error-message";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { ResultsTable, type ResultsData } from "../../components/results-table";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ code: string }>;
}): Promise<Metadata> {
  const { code } = await params;
  const messages = messagesFor(await requestLocale());
  const title = translate(messages, "meta.resultsTitle", { code: code.toUpperCase() });
  return { title: `${title} · Kilobyte Arena` };
}

/**
 * Final standings, read from the database (never from a room in memory). A code that finds no
 * room is a failed look-up, limited per address with the same limiter as the socket events, so
 * this page cannot be used to enumerate room codes; a blocked address looks nothing up.
 */
export default async function ResultsPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: raw } = await params;
  const parsed = RoomCodeSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const { repos, limits } = appContext();
  const address = forwardedAddress((await headers()).get("x-forwarded-for"));
  const lookup = await limitedLookup(limits, { address }, () =>
    repos.rooms.getResults(parsed.data),
  );
  if (lookup.kind === "rate-limited") return <RateLimited />;
  if (lookup.kind === "not-found") notFound();
  // A room under an event is the organiser's until they publish it: anyone else, even with the
  // code, finds nothing here (candidates see their own results on the event's page).
  const event = (await repos.events.roomEvent(parsed.data))?.event;
  if (event && event.publishedAt === null) {
    const viewer = await getSessionUser();
    if (viewer?.id !== event.organiserId) notFound();
  }
  const results = lookup.value;
  const data: ResultsData = {
    code: results.code,
    status: results.status,
    questionSetTitle: results.questionSetTitle,
    hostName: results.hostName,
    createdAt: results.createdAt.toISOString(),
    endedAt: results.endedAt?.toISOString() ?? null,
    questionCount: results.questionCount,
    codingRoundCount: results.codingRoundCount,
    results: results.results.map((row) => ({ ...row })),
    codingRounds: results.codingRounds.map((round) => ({
      ...round,
      entries: round.entries.map((e) => ({ ...e })),
    })),
    ...(results.teams && { teams: results.teams.map((team) => ({ ...team })) }),
  };
  return (
    <main className="wide">
      <ResultsTable data={data} />
    </main>
  );
}

function RateLimited() {
  return (
    <main className="wide">
      <ErrorMessage code="RATE_LIMITED" />
    </main>
  );
}
