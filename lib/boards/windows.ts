/**
 * The time windows of the persistent boards. "month" and "week" are calendar windows in UTC (the
 * current UTC calendar month; the current ISO week, Monday 00:00 UTC to the next Monday), not
 * rolling ones: everyone sees the same standings whatever their time zone, a board can be named
 * ("week 49"), and a standing does not decay by the hour. The cost: early on a Monday the week's
 * board is nearly empty, which is what a new week means.
 */
export const BOARD_WINDOWS = ["all", "month", "week"] as const;
export type BoardWindow = (typeof BOARD_WINDOWS)[number];

/** [from, to): null bounds mean "since the first room" and "until now". */
export interface WindowRange {
  from: Date | null;
  to: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function windowRange(window: BoardWindow, now: Date): WindowRange {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (window) {
    case "all":
      return { from: null, to: null };
    case "month":
      return { from: new Date(Date.UTC(y, m, 1)), to: new Date(Date.UTC(y, m + 1, 1)) };
    case "week": {
      const midnight = Date.UTC(y, m, now.getUTCDate());
      // getUTCDay: Sunday 0 .. Saturday 6; ISO weeks start on Monday.
      const sinceMonday = (now.getUTCDay() + 6) % 7;
      const from = midnight - sinceMonday * DAY_MS;
      return { from: new Date(from), to: new Date(from + 7 * DAY_MS) };
    }
  }
}

/** Whether a moment falls in a range (the SQL's `>= from AND < to`, for tests and callers). */
export function inWindow(range: WindowRange, at: Date): boolean {
  const t = at.getTime();
  return (
    (range.from === null || t >= range.from.getTime()) &&
    (range.to === null || t < range.to.getTime())
  );
}
