"use client";

import { useI18n } from "../lib/i18n";
import { CreateRoomForm, type QuestionSetOption } from "./create-room-form";

export function HostSetup({ sets, userName }: { sets: QuestionSetOption[]; userName: string }) {
  const { t } = useI18n();
  return (
    <main className="narrow">
      <h1>{t("host.setupTitle")}</h1>
      <p className="muted">{t("host.signedInAs", { name: userName })}</p>
      <CreateRoomForm sets={sets} />
    </main>
  );
}
