import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canOrganise, EventIdSchema } from "@/lib/events/schema";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { messagesFor, requestLocale } from "../../../lib/server-locale";
import { translate } from "../../../lib/translate";
import { CandidateReports } from "./candidate-reports";
import "../../events.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "events.reports")} · Kilobyte Arena` };
}

/** Printable reports, one page per candidate (or the one named by ?candidate=). Organiser only. */
export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ candidate?: string }>;
}) {
  const [{ id }, { candidate }] = await Promise.all([params, searchParams]);
  const user = await getSessionUser();
  if (!user || !EventIdSchema.safeParse(id).success) notFound();
  const { repos } = appContext();
  const [role, event] = await Promise.all([repos.events.roleOf(user.id), repos.events.get(id)]);
  if (!role || !canOrganise(role) || !event || event.organiserId !== user.id) notFound();
  return <CandidateReports eventId={id} only={candidate ?? null} />;
}
