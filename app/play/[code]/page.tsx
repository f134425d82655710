import { notFound, redirect } from "next/navigation";
import { RoomCodeSchema } from "@/lib/contract/schemas";
import { PlayerScreen } from "../../components/player-screen";

export default async function PlayerPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: raw } = await params;
  const parsed = RoomCodeSchema.safeParse(raw);
  if (!parsed.success) notFound();
  // One spelling per room, so the stored token's key and the links agree.
  if (parsed.data !== raw) redirect(`/play/${parsed.data}`);
  return <PlayerScreen code={parsed.data} />;
}
