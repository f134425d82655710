import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/auth-options";
import { enabledProviders } from "@/server/auth/oauth-providers";
import { appContext } from "@/server/context";
import { SignInForm } from "../components/auth-forms";
import { safeCallbackUrl } from "../lib/callback-url";

export const dynamic = "force-dynamic";

/** next-auth's error names this page explains (pages.error is this page); others: a generic text. */
const OAUTH_ERRORS = ["OAuthAccountNotLinked", "OAuthCallback", "AccessDenied"] as const;
type OAuthErrorName = (typeof OAUTH_ERRORS)[number] | "other";

function oauthError(raw: string | string[] | undefined): OAuthErrorName | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value === "CredentialsSignin") return null;
  return (OAUTH_ERRORS as readonly string[]).includes(value) ? (value as OAuthErrorName) : "other";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const { config } = appContext();
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <main className="narrow">
      <SignInForm
        callbackUrl={callbackUrl}
        providers={enabledProviders(config)}
        oauthError={oauthError(params.error)}
      />
    </main>
  );
}
