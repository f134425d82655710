import type { Metadata } from "next";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { ChallengeForm } from "./challenge-form";
import "../../events/events.css";
import "../challenges.css";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "challenge.newTitle")} · Kilobyte Arena` };
}

const ID = /^[a-z0-9]{10,40}$/;

/** /challenges/new?set=<id>[,<id>…][&event=<id>]: linked from /sets and from an event's page. */
export default async function NewChallengePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const setIds = one(query.set)
    .split(",")
    .filter((s) => ID.test(s))
    .slice(0, 10);
  const eventId = ID.test(one(query.event)) ? one(query.event) : null;
  return <ChallengeForm setIds={setIds} eventId={eventId} />;
}
