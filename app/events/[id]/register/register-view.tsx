"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { PublicEventView, Registration } from "@/lib/contract/event-api";
import type { ErrorCode } from "@/lib/contract/errors";
import { parseRoomCode } from "@/lib/contract/room-code";
import { ErrorMessage } from "../../../components/error-message";
import {
  loadCandidate,
  saveCandidate,
  type CandidateSession,
} from "../../../lib/candidate-session";
import { useI18n } from "../../../lib/i18n";
import { eventApi } from "../../event-api";

/**
 * A candidate's registration: the event and its terms, the identity the event asks for (a name
 * and an email, or the signed-in account), the terms accepted. Then where to go next: a room code
 * from the organiser, and their own results page.
 */
export function RegisterView({
  eventId,
  signedInAs,
}: {
  eventId: string;
  signedInAs: string | null;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const id = useId();
  const [secret, setSecret] = useState<string | null>(null);
  const [event, setEvent] = useState<PublicEventView | null>(null);
  const [session, setSession] = useState<CandidateSession | null>(null);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [accepted, setAccepted] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void (async () => {
      // Read after hydration: the server has neither the fragment nor localStorage.
      await Promise.resolve();
      const existing = loadCandidate(eventId);
      const fromHash = window.location.hash.slice(1);
      if (existing) setSession(existing);
      if (!fromHash) {
        if (!existing) setError("INVITE_NOT_FOUND");
        return;
      }
      setSecret(fromHash);
      const result = await eventApi<PublicEventView>(`/api/events/${eventId}/lookup`, {
        method: "POST",
        body: { invite: fromHash },
      });
      if (result.ok) setEvent(result.data);
      else setError(result.error);
    })();
  }, [eventId]);

  async function register(e: FormEvent) {
    e.preventDefault();
    if (!secret || !event) return;
    setBusy(true);
    setError(null);
    const result = await eventApi<Registration>(`/api/events/${eventId}/register`, {
      method: "POST",
      body: {
        invite: secret,
        acceptTerms: accepted,
        ...(event.identity === "NAME_EMAIL" ? { name, email } : {}),
      },
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const next = {
      candidateId: result.data.candidateId,
      name: result.data.name,
      token: result.data.candidateToken,
      expiresAt: result.data.expiresAt,
    };
    saveCandidate(eventId, next);
    setSession(next);
    // The secret has done its job: keep it out of the history and of anything shared from here.
    window.history.replaceState(null, "", window.location.pathname);
  }

  function join(e: FormEvent) {
    e.preventDefault();
    const room = parseRoomCode(code);
    if (!room) return setError("ROOM_NOT_FOUND");
    router.push(`/play/${room}?event=${eventId}`);
  }

  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
    });

  if (session) {
    return (
      <main className="events-page register-page">
        <h1>{t("events.registered", { name: session.name })}</h1>
        <p data-testid="registered">{t("events.registeredLead")}</p>
        <form className="card" onSubmit={join}>
          <div className="field">
            <label htmlFor={`${id}-code`}>{t("events.roomCode")}</label>
            <input
              id={`${id}-code`}
              value={code}
              autoComplete="off"
              autoCapitalize="characters"
              inputMode="text"
              data-testid="event-room-code"
              onChange={(e) => setCode(e.target.value.toUpperCase())}
            />
          </div>
          <ErrorMessage code={error} />
          <button type="submit" className="button button-primary" data-testid="event-join-room">
            {t("events.joinRoom")}
          </button>
        </form>
        <p>
          <Link href={`/events/${eventId}/me`}>{t("events.myResults")}</Link>
        </p>
      </main>
    );
  }

  return (
    <main className="events-page register-page">
      <h1>{event ? event.name : t("events.registerTitle")}</h1>
      <ErrorMessage code={error} />
      {event && (
        <>
          <p className="event-when">
            {when(event.startsAt)} – {when(event.endsAt)} ·{" "}
            {t("events.by", { name: event.organiserName })}
          </p>
          {event.description && <p>{event.description}</p>}
          <form className="card" onSubmit={(e) => void register(e)} data-testid="register-form">
            {event.identity === "NAME_EMAIL" ? (
              <>
                <div className="field">
                  <label htmlFor={`${id}-name`}>{t("events.yourName")}</label>
                  <input
                    id={`${id}-name`}
                    value={name}
                    required
                    maxLength={80}
                    autoComplete="name"
                    data-testid="candidate-name"
                    onChange={(e) => setName(e.target.value)}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-email`}>{t("events.yourEmail")}</label>
                  <input
                    id={`${id}-email`}
                    type="email"
                    value={email}
                    required
                    maxLength={200}
                    autoComplete="email"
                    data-testid="candidate-email"
                    onChange={(e) => setEmail(e.target.value)}
                  />
                </div>
              </>
            ) : signedInAs ? (
              <p>{t("events.asAccount", { name: signedInAs })}</p>
            ) : (
              <p>
                <Link
                  href={`/signin?callbackUrl=${encodeURIComponent(`/events/${eventId}/register#${secret ?? ""}`)}`}
                >
                  {t("events.signInFirst")}
                </Link>
              </p>
            )}
            <div className="field">
              <span>{t("events.termsTitle")}</span>
              <div className="event-terms" tabIndex={0}>
                {event.terms}
              </div>
            </div>
            <label className="check-row">
              <input
                type="checkbox"
                checked={accepted}
                required
                data-testid="accept-terms"
                onChange={(e) => setAccepted(e.target.checked)}
              />
              <span>{t("events.accept")}</span>
            </label>
            <button
              type="submit"
              className="button button-primary"
              data-testid="register-submit"
              disabled={busy || (event.identity === "ACCOUNT" && !signedInAs)}
            >
              {t("events.register")}
            </button>
          </form>
        </>
      )}
    </main>
  );
}
