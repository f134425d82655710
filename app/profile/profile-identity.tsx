"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import type { ProfileData } from "@/lib/accounts/profile";
import type { ErrorCode } from "@/lib/contract/errors";
import type { EnabledProvider } from "@/lib/contract/accounts";
import { ErrorMessage } from "../components/error-message";
import { useI18n } from "../lib/i18n";
import { callApi } from "./account-api";

/** The display name players and boards see; the same rule as at sign-up (1-60 characters). */
export function NameForm({ name }: { name: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [value, setValue] = useState(name);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    setSaved(false);
    const result = await callApi("/api/account", "PATCH", { name: value });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setSaved(true);
    router.refresh();
  };

  return (
    <form className="name-form" onSubmit={(event) => void submit(event)}>
      <label className="field">
        <span className="sr-only">{t("profile.nameLabel")}</span>
        <input
          name="name"
          value={value}
          maxLength={60}
          required
          autoComplete="nickname"
          onChange={(event) => setValue(event.target.value)}
          data-testid="profile-name-input"
        />
      </label>
      <button type="submit" className="button" disabled={pending || value.trim() === ""}>
        {pending ? t("profile.saving") : t("profile.saveName")}
      </button>
      <ErrorMessage code={error} />
      {saved ? (
        <p role="status" className="muted">
          {t("profile.saved")}
        </p>
      ) : null}
    </form>
  );
}

/**
 * How this account signs in, and buttons to link the other enabled providers: signing in with a
 * provider while signed in links it to this account (the only way an identity is ever linked to an
 * existing account; see server/auth/oauth-adapter.ts).
 */
export function SignInMethods(props: { profile: ProfileData; providers: EnabledProvider[] }) {
  const { t } = useI18n();
  const linked = new Set(props.profile.providers);
  return (
    <>
      <h3>{t("profile.signInMethods")}</h3>
      <ul className="sign-in-methods">
        {props.profile.hasPassword ? <li>{t("profile.passwordMethod")}</li> : null}
        {props.providers
          .filter((p) => linked.has(p.id))
          .map((p) => (
            <li key={p.id}>{t("profile.linked", { name: p.name })}</li>
          ))}
      </ul>
      <div className="button-row">
        {props.providers
          .filter((p) => !linked.has(p.id))
          .map((p) => (
            <button
              key={p.id}
              type="button"
              className="button button-ghost"
              onClick={() => void signIn(p.id, { callbackUrl: "/profile" })}
            >
              {t("profile.link", { name: p.name })}
            </button>
          ))}
      </div>
    </>
  );
}
