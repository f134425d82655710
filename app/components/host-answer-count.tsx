"use client";

import type { LobbyPlayer, ProgressView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";

/** Names listed beside the count; the rest are counted ("and 12 more"), so the stage still fits. */
const NAMES_SHOWN = 8;

/**
 * "N of M connected answered", and who is offline. Counted over connected players only, so a drop
 * moves both numbers (never "0 / 5" to "1 / 4"); the names come from the host-only lobby list.
 */
export function HostAnswerCount({
  progress,
  fallbackTotal,
  offline,
}: {
  progress: ProgressView | null;
  /** Before the first count of a question arrives. */
  fallbackTotal: number;
  offline: LobbyPlayer[];
}) {
  const { t, tn } = useI18n();
  const answered = progress?.answered ?? 0;
  const connected = progress?.connected ?? fallbackTotal;
  const offlineCount = Math.max(progress?.offline ?? 0, offline.length);
  return (
    <div className="answer-count" data-testid="host-answer-status">
      <p className="answer-count-number" data-testid="answer-count" aria-hidden="true">
        {answered} / {connected}
      </p>
      <p className="answer-count-label" data-testid="answer-count-label">
        {t("host.answeredOfConnected", { answered, connected })}
      </p>
      {offlineCount > 0 && (
        <p className="answer-count-offline" data-testid="host-offline">
          {t("host.offlineCount", { n: offlineCount })}
          {offline.length > 0 && (
            <>
              {": "}
              <span data-testid="host-offline-names">
                {offline
                  .slice(0, NAMES_SHOWN)
                  .map((p) => tn(p))
                  .join(", ")}
              </span>
              {offlineCount > NAMES_SHOWN && (
                <> {t("lobby.more", { n: offlineCount - NAMES_SHOWN })}</>
              )}
            </>
          )}
        </p>
      )}
    </div>
  );
}
