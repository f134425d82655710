import type { Metadata } from "next";
import Link from "next/link";
import { canOrganise } from "@/lib/events/schema";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { eventView } from "@/server/events/views";
import { messagesFor, requestLocale } from "../lib/server-locale";
import { translate } from "../lib/translate";
import { EventList } from "./event-list";
import "./events.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "events.pageTitle")} · Kilobyte Arena` };
}

/** An organiser's events and the form for a new one. Others are told what the page needs. */
export default async function EventsPage() {
  const messages = messagesFor(await requestLocale());
  const t = (key: Parameters<typeof translate>[1]) => translate(messages, key);
  const user = await getSessionUser();
  if (!user) {
    return (
      <main className="events-page">
        <h1>{t("events.pageTitle")}</h1>
        <p>
          <Link href="/signin?callbackUrl=/events">{t("events.signIn")}</Link>
        </p>
      </main>
    );
  }
  const { repos } = appContext();
  const role = await repos.events.roleOf(user.id);
  if (!role || !canOrganise(role)) {
    return (
      <main className="events-page">
        <h1>{t("events.pageTitle")}</h1>
        <p data-testid="events-need-role">{t("events.needRole")}</p>
      </main>
    );
  }
  const [events, sets] = await Promise.all([
    repos.events.listOwn(user.id),
    repos.questionSets.listVisible(user.id, { limit: 200 }),
  ]);
  return (
    <EventList
      events={events.map(eventView)}
      sets={sets.map((set) => ({ id: set.id, title: set.title, questionCount: set.questionCount }))}
    />
  );
}
