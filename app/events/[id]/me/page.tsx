import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventIdSchema } from "@/lib/events/schema";
import { messagesFor, requestLocale } from "../../../lib/server-locale";
import { translate } from "../../../lib/translate";
import { CandidateResults } from "./candidate-results";
import "../../events.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "events.myResults")} · Kilobyte Arena` };
}

/** A candidate's own results, opened with the token their browser kept at registration. */
export default async function CandidatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!EventIdSchema.safeParse(id).success) notFound();
  return <CandidateResults eventId={id} />;
}
