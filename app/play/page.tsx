import { PlayJoin } from "../components/landing";

/** The QR code opens /play?code=CODE: the code is filled in, the nickname field has focus. */
export default async function PlayPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string | string[] }>;
}) {
  const { code } = await searchParams;
  const initial = (Array.isArray(code) ? code[0] : code) ?? "";
  return <PlayJoin initialCode={initial.trim().toUpperCase().slice(0, 12)} />;
}
