import type { Locale } from "@/lib/questions/locales";

/**
 * Which language a request is rendered in, decided on the server so that the first paint (the
 * server's HTML) is already in the reader's language: the choice made with the language switch
 * (a cookie), else the browser's Accept-Language, else English. Pure, so the client and the tests
 * use the same rules.
 */

export const LOCALE_COOKIE = "kba-lang";
/** A year: the choice should outlive a browser restart, as the old localStorage one did. */
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;
export const DEFAULT_LOCALE: Locale = "en";

export function parseLocale(value: string | null | undefined): Locale | null {
  return value === "zh" || value === "en" ? value : null;
}

/**
 * The supported language the browser prefers most: "zh-CN,zh;q=0.9,en;q=0.8" -> zh,
 * "en-US,en;q=0.9,zh;q=0.8" -> en. Any Chinese tag (zh-TW, zh-Hant) reads the only Chinese we have.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(",")) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.split("-")[0];
    const locale = primary === "zh" ? "zh" : primary === "en" ? "en" : null;
    // Ties keep the earlier entry, as browsers list them in order of preference.
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? null;
}

export function pickLocale(cookie: string | null | undefined, acceptLanguage?: string | null) {
  return parseLocale(cookie) ?? localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The BCP 47 tag for <html lang> and lang attributes. */
export function htmlLang(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en";
}
