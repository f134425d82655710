import type { Metadata } from "next";
import { parseBoardParams } from "@/lib/boards/query";
import { appContext } from "@/server/context";
import { getSessionUser } from "@/server/auth/auth-options";
import { messagesFor, requestLocale } from "../lib/server-locale";
import { translate } from "../lib/translate";
import { BoardView } from "./board-view";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "meta.standingsTitle")} · Kilobyte Arena` };
}

/**
 * /boards: the persistent boards (quiz, coding, combined) with their window and scope switches,
 * name search and pages. Everything is in the address (the same parameters as GET /api/boards),
 * so a view can be shared and works without JavaScript; the "you" row is the session's account.
 */
export default async function BoardsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { repos } = appContext();
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams))
    for (const v of [value ?? []].flat()) search.append(key, v);
  const parsed = parseBoardParams(search);
  const [viewer, sets] = await Promise.all([getSessionUser(), repos.boards.scopeSets(50)]);
  if (!parsed.ok)
    return (
      <main className="wide">
        <BoardView
          result={{ ok: false, error: "INVALID_PAYLOAD", fields: parsed.fields }}
          sets={sets}
        />
      </main>
    );
  const page = await repos.boards.page(parsed.params, viewer?.id ?? null, new Date());
  return (
    <main className="wide">
      <BoardView
        result={page.ok ? page : { ok: false, error: page.error, fields: ["set"] }}
        params={parsed.params}
        sets={sets}
      />
    </main>
  );
}
