"use client";

import { useState } from "react";
import type { ErrorCode } from "@/lib/contract/errors";
import { ErrorMessage } from "../components/error-message";
import { useI18n } from "../lib/i18n";
import { signOut } from "../lib/sign-out";
import { callApi } from "./account-api";

/** Hide from boards, download my data, delete my account (issue 10, item 3). */
export function PrivacyPanel(props: { email: string; hiddenFromBoards: boolean }) {
  const { t } = useI18n();
  const [hidden, setHidden] = useState(props.hiddenFromBoards);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [confirm, setConfirm] = useState("");
  const [deleting, setDeleting] = useState(false);

  const toggle = async (next: boolean) => {
    setError(null);
    setHidden(next);
    const result = await callApi("/api/account", "PATCH", { hiddenFromBoards: next });
    if (!result.ok) {
      setHidden(!next);
      setError(result.error);
    }
  };

  const remove = async () => {
    setDeleting(true);
    setError(null);
    const result = await callApi("/api/account", "DELETE", { confirmEmail: confirm });
    if (!result.ok) {
      setDeleting(false);
      return setError(result.error);
    }
    // The session cookie names an account that is gone: sign out, then start afresh.
    await signOut();
  };

  return (
    <section className="card privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t("privacy.title")}</h2>
      <label className="choice">
        <input
          type="checkbox"
          checked={hidden}
          onChange={(event) => void toggle(event.target.checked)}
          data-testid="hide-from-boards"
        />
        <span>{t("privacy.hide")}</span>
      </label>
      <p className="muted">{t("privacy.hideHint")}</p>

      <p>
        <a className="button" href="/api/account/export" download data-testid="download-data">
          {t("privacy.download")}
        </a>
      </p>
      <p className="muted">{t("privacy.downloadHint")}</p>

      <h3>{t("privacy.deleteTitle")}</h3>
      <p className="muted">{t("privacy.deleteHint")}</p>
      <label className="field">
        <span>{t("privacy.confirmEmail", { email: props.email })}</span>
        <input
          type="email"
          value={confirm}
          autoComplete="off"
          onChange={(event) => setConfirm(event.target.value)}
          data-testid="delete-confirm"
        />
      </label>
      <ErrorMessage code={error} />
      <button
        type="button"
        className="button button-danger"
        disabled={deleting || confirm.trim() === ""}
        onClick={() => void remove()}
        data-testid="delete-account"
      >
        {deleting ? t("privacy.deleting") : t("privacy.deleteButton")}
      </button>
    </section>
  );
}
