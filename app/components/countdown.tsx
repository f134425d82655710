"use client";

import { useEffect, useState } from "react";
import { serverNow } from "../lib/clock";
import { useI18n } from "../lib/i18n";

interface CountdownProps {
  /** Server ms since epoch. */
  deadline: number;
  limitSec: number;
  size?: "large" | "small";
}

/**
 * Seconds left on the server's clock (see lib/clock), so every phone and the projector agree
 * whatever their own clocks say. The bar shrinks linearly; the number is what people read.
 */
export function Countdown({ deadline, limitSec, size = "large" }: CountdownProps) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => serverNow());

  useEffect(() => {
    const id = window.setInterval(() => setNow(serverNow()), 200);
    return () => window.clearInterval(id);
  }, []);

  const leftMs = Math.max(0, deadline - now);
  const seconds = Math.ceil(leftMs / 1000);
  const fraction = limitSec > 0 ? Math.min(1, leftMs / (limitSec * 1000)) : 0;
  const urgent = seconds <= 5;

  return (
    <div
      className={`countdown countdown-${size}${urgent ? " countdown-urgent" : ""}`}
      role="timer"
      aria-label={t("secondsLeft", { n: seconds })}
      data-testid="countdown"
    >
      <span className="countdown-number" aria-hidden="true">
        {seconds}
      </span>
      <span className="countdown-bar" aria-hidden="true">
        <span style={{ transform: `scaleX(${fraction})` }} />
      </span>
    </div>
  );
}
