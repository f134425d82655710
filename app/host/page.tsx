import { redirect } from "next/navigation";
import { appContext } from "@/server/context";
import { getSessionUser } from "@/server/auth/auth-options";
import { HostSetup } from "../components/host-setup";

// Reads the session and the database of the running server: never prerendered.
export const dynamic = "force-dynamic";

export default async function HostPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=/host");
  const sets = await appContext().repos.questionSets.list();
  // Only plain, serialisable fields cross into the client component.
  const options = sets.map(({ slug, title, description, questionCount }) => ({
    slug,
    title,
    description,
    questionCount,
  }));
  return <HostSetup sets={options} userName={user.name} />;
}
