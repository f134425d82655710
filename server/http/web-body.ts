/**
 * A Web `Request` body as UTF-8 text, or null once it is larger than `maxBytes` (by its declared
 * length, or while reading, without buffering the rest). Route handlers that take small JSON
 * bodies (sign-up, sign-in) read through this, so an oversized body costs nothing.
 */
export async function readCappedText(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}
