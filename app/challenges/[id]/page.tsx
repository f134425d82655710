import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { ChallengeScreen } from "./challenge-screen";
import "../../events/events.css";
import "../challenges.css";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "challenge.title")} · Kilobyte Arena` };
}

/** A self-paced challenge's page: what it is, Start (once), then the player's own result. */
export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[a-z0-9]{10,40}$/.test(id)) notFound();
  return <ChallengeScreen id={id} />;
}
