/**
 * 1 KB = 1000 bytes everywhere in Kilobyte Arena (display, accuracy per KB, limits in prose).
 * Apart from size.ts, which measures artifacts with pako: the screens that only show a size
 * (boards, results, the coding board) do not need the compressor in their JavaScript.
 */
export const BYTES_PER_KB = 1000;

/**
 * Bytes for display in KB (1 KB = 1000 bytes): two decimals under 10 KB, one under 100 KB, none
 * above, so a 0.8 KB model and a 95 KB model both read sensibly. No locale: the UI localises.
 */
export function formatKb(bytes: number): string {
  const kb = bytes / BYTES_PER_KB;
  const digits = kb < 10 ? 2 : kb < 100 ? 1 : 0;
  return `${kb.toFixed(digits)} KB`;
}
