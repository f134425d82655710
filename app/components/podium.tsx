"use client";

import type { LeaderboardEntry } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";

/**
 * The top three. DOM order is 1-2-3 (what a screen reader and a test read); CSS places 2-1-3
 * side by side with the winner's step tallest, as on a real podium.
 */
export function Podium({ entries, meId }: { entries: LeaderboardEntry[]; meId?: string | null }) {
  const { t, tn } = useI18n();
  return (
    <section className="podium" data-testid="podium" aria-labelledby="podium-title">
      <h1 id="podium-title">{t("podium")}</h1>
      <ol className="podium-steps">
        {entries.map((entry, i) => (
          <li
            key={entry.playerId}
            className={`podium-entry podium-place-${i + 1}${entry.playerId === meId ? " podium-me" : ""}`}
            data-testid="podium-entry"
          >
            {/* A drawn medal, not an emoji: kiosk and Linux projectors often lack an emoji font. */}
            <span className="podium-medal" aria-hidden="true">
              {entry.rank}
            </span>
            <span className="podium-rank sr-only">{t("placeN", { n: entry.rank })}</span>
            <span className="podium-name">{tn(entry)}</span>
            <span className="podium-score" data-testid="podium-score">
              {entry.score}
            </span>
            <span className="podium-step" aria-hidden="true" />
          </li>
        ))}
      </ol>
    </section>
  );
}
