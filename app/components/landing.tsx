"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { parseRoomCode } from "@/lib/contract/room-code";
import { useI18n } from "../lib/i18n";
import { loadToken } from "../lib/player-session";
import { JoinForm } from "./join-form";

export function Landing() {
  const { t } = useI18n();
  return (
    <main className="landing">
      <section className="landing-hero">
        <h1>{t("landing.title")}</h1>
        <p className="lead">{t("landing.pitch")}</p>
      </section>
      <section className="landing-join" aria-labelledby="join-heading">
        <h2 id="join-heading">{t("landing.joinHeading")}</h2>
        <JoinForm />
      </section>
      <section className="landing-host card" aria-labelledby="host-heading">
        <h2 id="host-heading">{t("landing.hostHeading")}</h2>
        <p>{t("landing.hostPitch")}</p>
        <Link href="/host" className="button button-block" data-testid="host-link">
          {t("landing.hostCta")}
        </Link>
      </section>
      <ul className="landing-features">
        <li>{t("landing.feature1")}</li>
        <li>{t("landing.feature2")}</li>
        <li>{t("landing.feature3")}</li>
      </ul>
      {/* Not prefetched, as the header's links: the boards' code loads only when asked for. */}
      <p className="landing-boards">
        <Link href="/boards" prefetch={false} data-testid="boards-link">
          {t("standings.landingLink")}
        </Link>
      </p>
    </main>
  );
}

/** The /play page: only the join form, prefilled from the QR code's ?code=. */
export function PlayJoin({ initialCode }: { initialCode: string }) {
  const { t } = useI18n();
  const router = useRouter();
  useEffect(() => {
    // The room's link reopened after the tab closed: this browser already plays in the room, so
    // the player screen resumes that player (their token is stored) instead of a second join.
    const code = parseRoomCode(initialCode);
    if (code && loadToken(code)) router.replace(`/play/${code}`);
  }, [initialCode, router]);
  return (
    <main className="narrow">
      <h1>{t("landing.joinHeading")}</h1>
      <JoinForm initialCode={initialCode} autoFocus />
    </main>
  );
}

export function NotFoundContent() {
  const { t } = useI18n();
  return (
    <main className="narrow card center-card">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link href="/" className="button">
        {t("backHome")}
      </Link>
    </main>
  );
}
