import type { Metadata } from "next";
import Link from "next/link";
import { getSessionUser } from "@/server/auth/auth-options";
import { challengeView } from "@/server/challenges/challenge-routes";
import { ownedChallenges } from "@/server/challenges/challenge-owner";
import { appContext } from "@/server/context";
import { messagesFor, requestLocale } from "../lib/server-locale";
import { translate } from "../lib/translate";
import { OwnedChallengeList } from "./owned-list";
import "../events/events.css";
import "./challenges.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "challenge.mineTitle")} · Kilobyte Arena` };
}

/**
 * The challenges the signed-in user created, with how many started and finished each: the same
 * read as GET /api/challenges (server/challenges/challenge-owner.ts), rendered on the server.
 */
export default async function MyChallengesPage() {
  const messages = messagesFor(await requestLocale());
  const user = await getSessionUser();
  if (!user) {
    return (
      <main className="narrow events-page">
        <h1>{translate(messages, "challenge.mineTitle")}</h1>
        <p>
          <Link href="/signin?callbackUrl=/challenges">
            {translate(messages, "challenge.mineSignIn")}
          </Link>
        </p>
      </main>
    );
  }
  const listed = await ownedChallenges(
    appContext().repos.challenges,
    user.id,
    new Date(),
    challengeView,
  );
  return <OwnedChallengeList challenges={listed.ok ? listed.data.challenges : []} />;
}
