"use client";

import { useEffect, useState } from "react";
import { serverNow } from "../lib/clock";

/**
 * Minutes and seconds to a server deadline. Coding rounds last minutes, where the quiz
 * countdown's bare seconds ("587") read badly; the clock is the same corrected server clock.
 */
export function CodingTimeLeft({ deadline }: { deadline: number }) {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const id = window.setInterval(() => setNow(serverNow()), 500);
    return () => window.clearInterval(id);
  }, []);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  return (
    <span className="coding-time-left" data-testid="coding-time-left">
      {Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")}
    </span>
  );
}
