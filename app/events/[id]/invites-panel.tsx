"use client";

import { useId, useState, type FormEvent } from "react";
import type { CreatedInvite, InviteView } from "@/lib/contract/event-api";
import type { ErrorCode } from "@/lib/contract/errors";
import { ErrorMessage } from "../../components/error-message";
import { useI18n } from "../../lib/i18n";
import { eventApi } from "../event-api";

const VALIDITY_HOURS = [24, 72, 168, 720] as const;

/**
 * Invite links: each made with a label and a lifetime, shown in full once (only its hash is
 * stored, so it cannot be shown again), revocable at any time.
 */
export function InvitesPanel({
  eventId,
  invites,
  onChange,
}: {
  eventId: string;
  invites: InviteView[];
  onChange: () => Promise<void>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [label, setLabel] = useState("");
  const [hours, setHours] = useState<number>(72);
  const [made, setMade] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const result = await eventApi<CreatedInvite>(`/api/events/${eventId}/invites`, {
      method: "POST",
      body: { label, validHours: hours },
    });
    if (!result.ok) return setError(result.error);
    setMade(`${window.location.origin}${result.data.path}`);
    setCopied(false);
    setLabel("");
    await onChange();
  }

  async function revoke(inviteId: string) {
    const result = await eventApi<InviteView>(`/api/events/${eventId}/invites/${inviteId}`, {
      method: "DELETE",
    });
    if (!result.ok) return setError(result.error);
    await onChange();
  }

  return (
    <section aria-labelledby={`${id}-title`} className="event-section no-print">
      <h2 id={`${id}-title`}>{t("events.invites")}</h2>
      <form className="invite-form" onSubmit={(e) => void create(e)}>
        <div className="field">
          <label htmlFor={`${id}-label`}>{t("events.inviteLabel")}</label>
          <input
            id={`${id}-label`}
            value={label}
            data-testid="invite-label"
            maxLength={80}
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-hours`}>{t("events.inviteValid")}</label>
          <select
            id={`${id}-hours`}
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          >
            {VALIDITY_HOURS.map((h) => (
              <option key={h} value={h}>
                {t("events.inviteHours", { days: h / 24 })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" data-testid="create-invite">
          {t("events.inviteCreate")}
        </button>
      </form>
      {made && (
        <div className="invite-made" role="status">
          <p>{t("events.inviteOnce")}</p>
          <input
            readOnly
            value={made}
            data-testid="invite-link"
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="button"
            onClick={() =>
              void navigator.clipboard?.writeText(made).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("events.copied") : t("events.copy")}
          </button>
        </div>
      )}
      <ErrorMessage code={error} />
      {invites.length > 0 && (
        <table className="results-table compact-table invite-table">
          <thead>
            <tr>
              <th scope="col">{t("events.inviteLabel")}</th>
              <th scope="col">{t("events.inviteStatus")}</th>
              <th scope="col">{t("events.registrations")}</th>
              <th scope="col">
                <span className="sr-only">{t("events.inviteRevoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.map((invite) => (
              <tr key={invite.id} data-testid="invite-row">
                <td>{invite.label || "—"}</td>
                <td>{t(`events.inviteStatus.${invite.status}`)}</td>
                <td>{invite.registrations}</td>
                <td>
                  {invite.status === "active" && (
                    <button
                      type="button"
                      className="button"
                      data-testid="invite-revoke"
                      onClick={() => void revoke(invite.id)}
                    >
                      {t("events.inviteRevoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
