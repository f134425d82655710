"use client";

import { useI18n } from "../lib/i18n";
import type { SetupSet } from "../hooks/use-set-questions";
import { CreateRoomForm } from "./create-room-form";

export function HostSetup({
  sets,
  userName,
  userId,
}: {
  sets: SetupSet[];
  userName: string;
  userId: string;
}) {
  const { t } = useI18n();
  return (
    <main className="narrow">
      <h1>{t("host.setupTitle")}</h1>
      <p className="muted">{t("host.signedInAs", { name: userName })}</p>
      {sets.length === 0 ? (
        <p className="card">{t("noQuestionSets")}</p>
      ) : (
        <CreateRoomForm sets={sets} userId={userId} />
      )}
    </main>
  );
}
