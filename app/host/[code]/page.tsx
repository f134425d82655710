import { notFound, redirect } from "next/navigation";
import { RoomCodeSchema } from "@/lib/contract/schemas";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { HostScreen } from "../../components/host-screen";

export const dynamic = "force-dynamic";

export default async function HostRoomPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: raw } = await params;
  const parsed = RoomCodeSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/host/${parsed.data}`)}`);
  if (parsed.data !== raw) redirect(`/host/${parsed.data}`);
  // Phones must reach the server at its public address, which may differ from the host's URL.
  const publicUrl = appContext().config.PUBLIC_URL ?? null;
  return <HostScreen code={parsed.data} publicUrl={publicUrl} />;
}
