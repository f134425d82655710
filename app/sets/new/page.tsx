import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/auth-options";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { emptySetForm } from "../draft";
import { SetEditor } from "../set-editor";
import "../sets.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "sets.newTitle")} · Kilobyte Arena` };
}

/** A new, empty set: only a signed-in host can own one. */
export default async function NewSetPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=/sets/new");
  return (
    <SetEditor
      initial={emptySetForm()}
      set={{ id: null, revision: 0, canEdit: true, builtIn: false, signedIn: true }}
    />
  );
}
