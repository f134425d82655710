import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SetIdSchema } from "@/lib/contract/question-sets";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { detail } from "@/server/question-sets/set-routes";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { formFromSet } from "../draft";
import { SetEditor } from "../set-editor";
import "../sets.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "sets.pageTitle")} · Kilobyte Arena` };
}

/**
 * One set: the owner edits it, anyone who may see it reads it (and may duplicate it). The same
 * repository read as GET /api/sets/:id, so a private set of someone else is a 404 here too.
 */
export default async function SetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!SetIdSchema.safeParse(id).success) notFound();
  const user = await getSessionUser();
  const viewer = user?.id ?? null;
  const found = await appContext().repos.questionSets.get(id, viewer);
  if (!found) notFound();
  const set = detail(found, viewer);
  return (
    <SetEditor
      key={`${set.id}-${set.revision}`}
      initial={formFromSet(set)}
      set={{
        id: set.id,
        revision: set.revision,
        canEdit: set.canEdit,
        builtIn: set.builtIn,
        signedIn: viewer !== null,
      }}
    />
  );
}
