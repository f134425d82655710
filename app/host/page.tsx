import { redirect } from "next/navigation";
import { appContext } from "@/server/context";
import { getSessionUser } from "@/server/auth/auth-options";
import { HostSetup } from "../components/host-setup";
import type { SetupSet } from "../hooks/use-set-questions";

// Reads the session and the database of the running server: never prerendered.
export const dynamic = "force-dynamic";

export default async function HostPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=/host");
  // The built-in bank, the host's own sets and public ones (unlisted sets are added by link).
  const records = await appContext().repos.questionSets.listVisible(user.id, { limit: 200 });
  // Only plain, serialisable fields cross into the client component.
  const sets: SetupSet[] = records
    .filter((set) => set.questionCount > 0)
    .map((set) => ({
      id: set.id,
      title: set.title,
      questionCount: set.questionCount,
      builtIn: set.builtIn,
      mine: set.ownerId === user.id,
      visibility: set.visibility,
    }));
  return <HostSetup sets={sets} userName={user.name} userId={user.id} />;
}
