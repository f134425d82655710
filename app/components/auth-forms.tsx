"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { ERROR_CODES, type ErrorCode } from "@/lib/contract/errors";
import type { EnabledProvider } from "@/lib/contract/accounts";
import { parseSignInError } from "@/lib/contract/sign-in";
import { useHydrated } from "../hooks/use-hydrated";
import { useI18n } from "../lib/i18n";
import { resetSocket } from "../lib/socket";
import { ErrorMessage } from "./error-message";

const isErrorCode = (value: string): value is ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(value);

/** FormData values are strings for text inputs; anything else (a File) counts as empty. */
function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * A full page load after signing in, not a client-side push: every server component, the session
 * context and the socket handshake then see the new cookie, with no stale cache to race.
 */
function enter(callbackUrl: string): void {
  window.location.assign(callbackUrl);
}

async function signInWithPassword(email: string, password: string): Promise<string | null> {
  const result = await signIn("credentials", { email, password, redirect: false });
  if (result?.ok && !result.error) {
    // In case anything reads the socket before the page reloads: its handshake predates the cookie.
    resetSocket();
    return null;
  }
  return result?.error ?? "INTERNAL";
}

/** next-auth's OAuth error names the sign-in page explains (app/signin/page.tsx). */
type OAuthErrorName = "OAuthAccountNotLinked" | "OAuthCallback" | "AccessDenied" | "other";

export function SignInForm({
  callbackUrl,
  providers = [],
  oauthError = null,
}: {
  callbackUrl: string;
  providers?: EnabledProvider[];
  oauthError?: OAuthErrorName | null;
}) {
  const { t, te } = useI18n();
  const [error, setError] = useState<string | null>(
    oauthError ? t(`auth.oauth.${oauthError}`) : null,
  );
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const failure = await signInWithPassword(field(form, "email"), field(form, "password"));
    if (failure === null) return enter(callbackUrl);
    setPending(false);
    // next-auth reports a refused login as "CredentialsSignin"; our authorize() may throw a code,
    // and the sign-in limit answers "RATE_LIMITED:<seconds>" (lib/contract/sign-in.ts).
    const { code, retryAfterSeconds } = parseSignInError(failure);
    // The window is minutes long: "try again in 873 s" is a sum for the reader to do.
    if (retryAfterSeconds !== undefined && retryAfterSeconds > 90)
      setError(t("auth.tooManyAttemptsMinutes", { n: Math.ceil(retryAfterSeconds / 60) }));
    else if (retryAfterSeconds !== undefined)
      setError(t("auth.tooManyAttempts", { n: retryAfterSeconds }));
    else setError(isErrorCode(code) ? te(code) : t("auth.wrongCredentials"));
  };

  return (
    <form className="card auth-form" method="post" onSubmit={(event) => void submit(event)}>
      <h1>{t("signIn")}</h1>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <ErrorMessage text={error} />
      <button
        type="submit"
        className="button button-primary button-block"
        data-testid="signin-submit"
        disabled={pending || !hydrated}
      >
        {pending ? t("auth.signingIn") : t("signIn")}
      </button>
      {providers.length > 0 ? (
        <div className="oauth-buttons" data-testid="oauth-providers">
          <p className="muted center">{t("auth.or")}</p>
          {providers.map((provider) => (
            <button
              key={provider.id}
              type="button"
              className="button button-block"
              data-provider={provider.id}
              disabled={pending || !hydrated}
              onClick={() => {
                setPending(true);
                void signIn(provider.id, { callbackUrl });
              }}
            >
              {t("auth.continueWith", { name: provider.name })}
            </button>
          ))}
        </div>
      ) : null}
      <p className="muted">
        {t("auth.noAccount")}{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t("signUp")}</Link>
      </p>
    </form>
  );
}

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const { t, te } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      name: field(form, "name"),
      email: field(form, "email"),
      password: field(form, "password"),
    };
    setPending(true);
    setError(null);
    let code = "INTERNAL";
    let invalidFields: string[] = [];
    try {
      const response = await fetch("/api/signup", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { ok: boolean; error?: string; fields?: string[] };
      if (json.ok) {
        const failure = await signInWithPassword(body.email, body.password);
        if (failure === null) return enter(callbackUrl);
        // Account made but the automatic sign-in failed: send them to the sign-in form.
        router.push(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
        return;
      }
      code = json.error ?? "INTERNAL";
      invalidFields = json.fields ?? [];
    } catch {
      code = "INTERNAL";
    }
    setPending(false);
    // The generic INVALID_PAYLOAD text does not say which rules a sign-up has; this one does.
    if (code === "INVALID_PAYLOAD" && invalidFields.includes("name"))
      setError(t("auth.invalidName"));
    else if (code === "INVALID_PAYLOAD") setError(t("auth.invalidSignup"));
    else setError(isErrorCode(code) ? te(code) : t("auth.signupFailed"));
  };

  return (
    <form className="card auth-form" method="post" onSubmit={(event) => void submit(event)}>
      <h1>{t("signUp")}</h1>
      <label className="field">
        <span>{t("auth.name")}</span>
        <input name="name" type="text" autoComplete="name" maxLength={60} required />
      </label>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input name="email" type="email" autoComplete="email" maxLength={200} required />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={200}
          required
        />
        <span className="muted field-hint">{t("auth.passwordHint")}</span>
      </label>
      <ErrorMessage text={error} />
      <button
        type="submit"
        className="button button-primary button-block"
        data-testid="signup-submit"
        disabled={pending || !hydrated}
      >
        {pending ? t("auth.signingUp") : t("signUp")}
      </button>
      <p className="muted">
        {t("auth.haveAccount")}{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t("signIn")}</Link>
      </p>
    </form>
  );
}
