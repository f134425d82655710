/**
 * Server clock estimate. Every broadcast carries `sentAt` (server ms). A message received at local
 * time L that was sent at server time S shows that the offset (server - local) is at least S - L
 * (the delivery latency only adds to it). The largest lower bound over recent messages, i.e. the
 * fastest delivery, is the best estimate; a sliding window lets it follow a local clock change.
 */

const WINDOW = 20;
const samples: number[] = [];
let offset = 0;

export function observeServerTime(sentAt: number, receivedAt: number = Date.now()): void {
  if (!Number.isFinite(sentAt)) return;
  samples.push(sentAt - receivedAt);
  if (samples.length > WINDOW) samples.shift();
  offset = Math.max(...samples);
}

/** Milliseconds since epoch on the server's clock. */
export function serverNow(): number {
  return Date.now() + offset;
}

export function serverOffset(): number {
  return offset;
}
