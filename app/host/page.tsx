import { redirect } from "next/navigation";
import { canOrganise, EventIdSchema } from "@/lib/events/schema";
import { appContext } from "@/server/context";
import { getSessionUser } from "@/server/auth/auth-options";
import { HostSetup, type HostEvent } from "../components/host-setup";
import type { SetupSet } from "../hooks/use-set-questions";

// Reads the session and the database of the running server: never prerendered.
export const dynamic = "force-dynamic";

/** Room setup; with `?event=<id>`, a room under that event (its organiser only, its own sets). */
export default async function HostPage({
  searchParams,
}: {
  searchParams: Promise<{ event?: string }>;
}) {
  const { event: eventParam } = await searchParams;
  const user = await getSessionUser();
  if (!user) {
    const back = eventParam ? `/host?event=${encodeURIComponent(eventParam)}` : "/host";
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
  const { repos } = appContext();
  let event: HostEvent | null = null;
  if (eventParam && EventIdSchema.safeParse(eventParam).success) {
    const [role, found] = await Promise.all([
      repos.events.roleOf(user.id),
      repos.events.get(eventParam),
    ]);
    if (role && canOrganise(role) && found && found.organiserId === user.id) {
      event = {
        id: found.id,
        name: found.name,
        setIds: found.sets.map((set) => set.id),
        coding: found.coding,
      };
    }
  }
  // The built-in bank, the host's own sets and public ones (unlisted sets are added by link).
  const records = await repos.questionSets.listVisible(user.id, { limit: 200 });
  // Only plain, serialisable fields cross into the client component.
  const sets: SetupSet[] = records
    .filter((set) => set.questionCount > 0)
    .filter((set) => !event || event.setIds.includes(set.id))
    .map((set) => ({
      id: set.id,
      title: set.title,
      questionCount: set.questionCount,
      builtIn: set.builtIn,
      mine: set.ownerId === user.id,
      visibility: set.visibility,
    }));
  return <HostSetup sets={sets} userName={user.name} userId={user.id} event={event} />;
}
