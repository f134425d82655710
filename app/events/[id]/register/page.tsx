import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventIdSchema } from "@/lib/events/schema";
import { getSessionUser } from "@/server/auth/auth-options";
import { messagesFor, requestLocale } from "../../../lib/server-locale";
import { translate } from "../../../lib/translate";
import { RegisterView } from "./register-view";
import "../../events.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "events.registerTitle")} · Kilobyte Arena` };
}

/**
 * Where an invite link lands: `/events/:id/register#<secret>`. The secret is in the fragment, which
 * the browser never sends, so the page reads it and asks the API what the event is.
 */
export default async function RegisterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!EventIdSchema.safeParse(id).success) notFound();
  const user = await getSessionUser();
  return <RegisterView eventId={id} signedInAs={user?.name ?? null} />;
}
