import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/auth-options";
import { SignInForm } from "../components/auth-forms";
import { safeCallbackUrl } from "../lib/callback-url";

export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <main className="narrow">
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}
