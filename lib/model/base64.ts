/**
 * Standard base64 (RFC 4648 section 4, `+/` alphabet, `=` padding) over Uint8Array. Written here
 * because lib/ runs in the browser and on the server alike: no Buffer, and atob/btoa work on
 * binary strings that are easy to get wrong.
 *
 * Decoding is strict: only the canonical encoding of some byte string is accepted (length a
 * multiple of 4, padding only at the end, unused trailing bits zero, no whitespace), so one
 * submission has exactly one spelling and a sloppy client fails loudly instead of silently.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Char code -> 6-bit value, or -1 for characters outside the alphabet. */
const VALUE_OF: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export type Base64Error = "INVALID_LENGTH" | "INVALID_CHARACTER" | "INVALID_PADDING";

export type Base64Decoded =
  { ok: true; bytes: Uint8Array } | { ok: false; error: Base64Error; at: number };

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    chunk += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]!;
    chunk += i + 1 < bytes.length ? ALPHABET[(n >>> 6) & 63]! : "=";
    chunk += i + 2 < bytes.length ? ALPHABET[n & 63]! : "=";
    // Joining fixed-size pieces keeps string building linear for megabyte weight buffers.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  return parts.join("");
}

export function decodeBase64(text: string): Base64Decoded {
  if (text.length % 4 !== 0) return { ok: false, error: "INVALID_LENGTH", at: text.length };
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const dataChars = text.length - padding;
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const at = i + j;
      if (at >= dataChars) {
        n <<= 6;
        continue;
      }
      const code = text.charCodeAt(at);
      const value = code < 128 ? VALUE_OF[code]! : -1;
      if (value < 0) {
        const error = code === 61 /* "=" */ ? "INVALID_PADDING" : "INVALID_CHARACTER";
        return { ok: false, error, at };
      }
      n = (n << 6) | value;
    }
    out[o++] = n >>> 16;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
    // Non-zero bits under the padding would make a second spelling of the same bytes.
    const isLast = i + 4 === text.length;
    if (isLast && ((padding === 1 && (n & 0xff) !== 0) || (padding === 2 && (n & 0xffff) !== 0))) {
      return { ok: false, error: "INVALID_PADDING", at: dataChars - 1 };
    }
  }
  return { ok: true, bytes: out };
}
