"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { DashboardView, EventDetailView, EventView } from "@/lib/contract/event-api";
import type { ErrorCode } from "@/lib/contract/errors";
import { ErrorMessage } from "../../components/error-message";
import { useI18n } from "../../lib/i18n";
import { eventApi } from "../event-api";
import { CandidateTable } from "./candidate-table";
import { InvitesPanel } from "./invites-panel";

// recharts reaches this page only, and only once there are scores to draw.
const EventCharts = dynamic(() => import("./event-charts"), { ssr: false });

/** The organiser's page for one event: what it is, its invite links and rooms, and its results. */
export function EventAdmin({ eventId }: { eventId: string }) {
  const { t, locale } = useI18n();
  const [detail, setDetail] = useState<EventDetailView | null>(null);
  const [dashboard, setDashboard] = useState<DashboardView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);

  const load = useCallback(async () => {
    const [d, b] = await Promise.all([
      eventApi<EventDetailView>(`/api/events/${eventId}`),
      eventApi<DashboardView>(`/api/events/${eventId}/dashboard`),
    ]);
    if (!d.ok) return setError(d.error);
    if (!b.ok) return setError(b.error);
    setDetail(d.data);
    setDashboard(b.data);
  }, [eventId]);

  useEffect(() => {
    void (async () => {
      await load();
    })();
  }, [load]);

  async function publish(published: boolean) {
    const result = await eventApi<EventView>(`/api/events/${eventId}/publish`, {
      method: "POST",
      body: { published },
    });
    if (!result.ok) return setError(result.error);
    await load();
  }

  if (!detail || !dashboard) {
    return (
      <main className="wide events-page">
        <ErrorMessage code={error} />
        {!error && <p aria-busy="true">{t("events.loading")}</p>}
      </main>
    );
  }
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
    });
  const played = dashboard.candidates.filter((c) => c.rank !== null);

  return (
    <main className="wide events-page event-admin">
      <p className="no-print">
        <Link href="/events">{t("events.back")}</Link>
      </p>
      <h1 data-testid="event-name">{detail.name}</h1>
      <p className="event-when">
        {when(detail.startsAt)} – {when(detail.endsAt)} · {t(`events.identity.${detail.identity}`)}{" "}
        · {t(`events.afterwards.${detail.afterwards}`)}
      </p>
      <ErrorMessage code={error} />

      <div className="event-actions no-print">
        <a
          className="button"
          href={`/api/events/${eventId}/export?format=csv`}
          download
          data-testid="export-csv"
        >
          {t("events.exportCsv")}
        </a>
        <a className="button" href={`/api/events/${eventId}/export?format=json`} download>
          {t("events.exportJson")}
        </a>
        <Link className="button" href={`/events/${eventId}/report`}>
          {t("events.reports")}
        </Link>
        <button
          type="button"
          className="button"
          data-testid="publish"
          aria-pressed={detail.publishedAt !== null}
          onClick={() => void publish(detail.publishedAt === null)}
        >
          {detail.publishedAt === null ? t("events.publish") : t("events.unpublish")}
        </button>
      </div>
      <p className="field-hint">
        {detail.publishedAt === null ? t("events.privateNote") : t("events.publishedNote")}
      </p>

      <InvitesPanel eventId={eventId} invites={detail.invites} onChange={load} />

      <section aria-labelledby="event-rooms" className="event-section">
        <h2 id="event-rooms">{t("events.rooms")}</h2>
        <p>
          <Link
            className="button button-primary"
            href={`/host?event=${eventId}`}
            data-testid="host-event-room"
          >
            {t("events.hostRoom")}
          </Link>{" "}
          <Link
            className="button"
            href={`/challenges/new?event=${eventId}&set=${detail.sets.map((s) => s.id).join(",")}`}
            data-testid="event-challenge"
          >
            {t("challenge.fromEvent")}
          </Link>
        </p>
        {detail.rooms.length > 0 && (
          <ul className="event-rooms">
            {detail.rooms.map((room) => (
              <li key={room.code}>
                <code>{room.code}</code> · {t(`events.roomStatus.${room.status}`)} ·{" "}
                {t("events.players", { n: room.players })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="event-results" className="event-section">
        <h2 id="event-results">{t("events.results")}</h2>
        <p>
          {t("events.summary", {
            registered: dashboard.candidates.length,
            played: played.length,
          })}
        </p>
        {played.length > 0 && <EventCharts dashboard={dashboard} />}
        <CandidateTable eventId={eventId} dashboard={dashboard} />
      </section>
    </main>
  );
}
