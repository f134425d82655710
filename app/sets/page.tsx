import type { Metadata } from "next";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { view } from "@/server/question-sets/set-routes";
import { messagesFor, requestLocale } from "../lib/server-locale";
import { translate } from "../lib/translate";
import { SetList } from "./set-list";
import "./sets.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "sets.pageTitle")} · Kilobyte Arena` };
}

/** The viewer's own sets and the public ones (the built-in bank first), as GET /api/sets lists them. */
export default async function SetsPage() {
  const user = await getSessionUser();
  const viewer = user?.id ?? null;
  const sets = appContext().repos.questionSets;
  const [mine, visible] = await Promise.all([
    viewer ? sets.listVisible(viewer, { mine: true, limit: 200 }) : Promise.resolve([]),
    sets.listVisible(viewer, { limit: 200 }),
  ]);
  const own = new Set(mine.map((s) => s.id));
  return (
    <SetList
      signedIn={viewer !== null}
      mine={mine.map((row) => view(row, viewer))}
      others={visible.filter((row) => !own.has(row.id)).map((row) => view(row, viewer))}
    />
  );
}
