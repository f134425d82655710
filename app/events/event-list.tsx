"use client";

import Link from "next/link";
import type { EventView } from "@/lib/contract/event-api";
import { useI18n } from "../lib/i18n";
import { EventForm, type SetOption } from "./event-form";

/** The organiser's events, newest window first, and a form for a new one. */
export function EventList({ events, sets }: { events: EventView[]; sets: SetOption[] }) {
  const { t, locale } = useI18n();
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
    });
  return (
    <main className="wide events-page">
      <h1>{t("events.pageTitle")}</h1>
      <p className="lead">{t("events.lead")}</p>
      <section aria-labelledby="my-events">
        <h2 id="my-events">{t("events.mine")}</h2>
        {events.length === 0 ? (
          <p>{t("events.none")}</p>
        ) : (
          <ul className="event-cards" data-testid="event-list">
            {events.map((event) => (
              <li key={event.id} className="card event-card">
                <h3>
                  <Link href={`/events/${event.id}`}>{event.name}</Link>
                </h3>
                <p className="event-when">
                  {when(event.startsAt)} – {when(event.endsAt)}
                </p>
                <p className="event-counts">
                  {t("events.counts", { candidates: event.candidateCount, rooms: event.roomCount })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-event" className="event-new">
        <h2 id="new-event">{t("events.new")}</h2>
        <EventForm sets={sets} />
      </section>
    </main>
  );
}
