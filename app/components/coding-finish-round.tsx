"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { RoomView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import "../coding.css";

/**
 * "I'm done: close the round", in a self-paced attempt's coding round only. Nobody hosts such a
 * room, so otherwise a player who has submitted sits out the round's clock. Closing cannot be
 * undone (no more submissions), hence the second step: the confirmation is inline rather than a
 * browser dialog, so it reads the same on a phone and in either language. The server decides
 * (round:close): a live room, another round or a second close is refused there, whatever this shows.
 */
export function CodingFinishRound({
  room,
  closing,
  onClose,
}: {
  room: RoomView;
  closing: boolean;
  onClose: () => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const confirmId = useId();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);

  const open = room.phase === "question" && room.question?.type === "coding";
  // Once closing, the scoring status (CodingScoringStatus) or the reveal takes over.
  if (!room.selfPaced || !open || room.coding?.draining) return null;

  if (!confirming) {
    return (
      <div className="coding-finish" data-testid="coding-finish">
        <p className="muted">{t("lab.finishHint")}</p>
        <button
          type="button"
          className="button"
          data-testid="coding-finish-open"
          onClick={() => setConfirming(true)}
        >
          {t("lab.finish")}
        </button>
      </div>
    );
  }
  return (
    <div
      className="coding-finish coding-finish-confirm"
      role="alertdialog"
      aria-describedby={confirmId}
      aria-label={t("lab.finish")}
      data-testid="coding-finish"
    >
      <p id={confirmId}>{t("lab.finishConfirm")}</p>
      <div className="button-row">
        <button
          ref={yes}
          type="button"
          className="button button-primary"
          data-testid="coding-finish-confirm"
          disabled={closing}
          onClick={() => {
            void onClose().then((closed) => {
              if (!closed) setConfirming(false);
            });
          }}
        >
          {t("lab.finishYes")}
        </button>
        <button
          type="button"
          className="button button-ghost"
          data-testid="coding-finish-cancel"
          disabled={closing}
          onClick={() => setConfirming(false)}
        >
          {t("lab.finishNo")}
        </button>
      </div>
    </div>
  );
}
