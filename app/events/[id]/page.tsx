import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canOrganise, EventIdSchema } from "@/lib/events/schema";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { EventAdmin } from "./event-admin";
import "../events.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "events.dashboard")} · Kilobyte Arena` };
}

/**
 * An event's organiser page: invites, rooms, the dashboard. Anyone but its organiser gets the
 * plain "not found" page, as the API answers 404, so an event's existence never leaks.
 */
export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user || !EventIdSchema.safeParse(id).success) notFound();
  const { repos } = appContext();
  const [role, event] = await Promise.all([repos.events.roleOf(user.id), repos.events.get(id)]);
  if (!role || !canOrganise(role) || !event || event.organiserId !== user.id) notFound();
  return <EventAdmin eventId={id} />;
}
