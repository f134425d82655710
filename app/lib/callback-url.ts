/** Only same-site paths: a crafted ?callbackUrl=https://evil.example must not send anyone away. */
export function safeCallbackUrl(
  raw: string | string[] | undefined | null,
  fallback = "/host",
): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return fallback;
  return value;
}
