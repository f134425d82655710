"use client";

import type { CodingRoundSettings } from "@/lib/coding/round";
import { useI18n } from "../lib/i18n";
import type { SetupSet } from "../hooks/use-set-questions";
import { CreateRoomForm } from "./create-room-form";

/** The event a room is set up under: its sets are the only ones offered. */
export interface HostEvent {
  id: string;
  name: string;
  setIds: string[];
  coding: CodingRoundSettings | null;
}

export function HostSetup({
  sets,
  userName,
  userId,
  event = null,
}: {
  sets: SetupSet[];
  userName: string;
  userId: string;
  event?: HostEvent | null;
}) {
  const { t } = useI18n();
  return (
    <main className="narrow">
      <h1>{t("host.setupTitle")}</h1>
      <p className="muted">{t("host.signedInAs", { name: userName })}</p>
      {event && (
        <p className="card event-room-note" data-testid="event-room-note">
          {t("events.roomFor", { name: event.name })}
        </p>
      )}
      {sets.length === 0 ? (
        <p className="card">{t("noQuestionSets")}</p>
      ) : (
        <CreateRoomForm sets={sets} userId={userId} event={event} />
      )}
    </main>
  );
}
