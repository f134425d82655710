export type CappedBody =
  { ok: true; body: Uint8Array } | { ok: false; error: "PAYLOAD_TOO_LARGE" | "INVALID_PAYLOAD" };

/**
 * A Web `Request` body, refused as PAYLOAD_TOO_LARGE once it is larger than `maxBytes` (by its
 * declared length before a byte is read, or while reading, without buffering the rest).
 */
export async function readCappedBytes(request: Request, maxBytes: number): Promise<CappedBody> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return { ok: false, error: "PAYLOAD_TOO_LARGE" };
  }
  if (!request.body) return { ok: true, body: new Uint8Array() };
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, error: "PAYLOAD_TOO_LARGE" };
      }
      parts.push(value);
    }
  } catch {
    // The client went away mid-body.
    return { ok: false, error: "INVALID_PAYLOAD" };
  }
  return { ok: true, body: new Uint8Array(Buffer.concat(parts)) };
}

/**
 * A Web `Request` body as UTF-8 text, or null once it is larger than `maxBytes`. Route handlers
 * that take small JSON bodies (sign-up, sign-in) read through this, so an oversized body costs
 * nothing.
 */
export async function readCappedText(request: Request, maxBytes: number): Promise<string | null> {
  const read = await readCappedBytes(request, maxBytes);
  return read.ok ? Buffer.from(read.body).toString("utf8") : null;
}

/**
 * Reads the rest of a body we refused without reading, keeping nothing, so the client (still
 * sending) gets our answer instead of a reset connection. Called without await, after the answer
 * is decided.
 */
export function discardBody(request: Request): void {
  if (!request.body || request.bodyUsed) return;
  request.body.pipeTo(new WritableStream()).catch(() => {
    // The client went away: nothing to drain.
  });
}
