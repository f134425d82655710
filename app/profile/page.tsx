import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { withBoardRanks } from "@/server/accounts/board-ranks";
import { getSessionUser } from "@/server/auth/auth-options";
import { enabledProviders } from "@/server/auth/oauth-providers";
import { appContext } from "@/server/context";
import { messagesFor, requestLocale } from "../lib/server-locale";
import { translate } from "../lib/translate";
import { ProfileView } from "./profile-view";
import "./profile.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "meta.profileTitle")} · Kilobyte Arena` };
}

/**
 * The signed-in player's page: who they are, their figures, every game they played (joined through
 * Player.userId, guest games included once claimed), their best models, board ranks, and their
 * privacy controls. Read from the database on every request.
 */
export default async function ProfilePage() {
  const { repos, config } = appContext();
  const session = await getSessionUser();
  if (!session) redirect("/signin?callbackUrl=%2Fprofile");
  const profile = await repos.accounts.profile(session.id);
  // A session of an account deleted since: treat as signed out.
  if (!profile) redirect("/signin?callbackUrl=%2Fprofile");
  return (
    <main className="wide profile-page">
      <ProfileView profile={await withBoardRanks(profile)} providers={enabledProviders(config)} />
    </main>
  );
}
