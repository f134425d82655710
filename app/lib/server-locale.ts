import { cookies, headers } from "next/headers";
import type { Locale } from "@/lib/questions/locales";
import { LOCALE_COOKIE, pickLocale } from "./locale";
import { en, type Messages } from "./messages/en";
import { zh } from "./messages/zh";

/**
 * The request's language for server components (layout, metadata): the switch's cookie, else
 * Accept-Language, else English. Both dictionaries stay on the server; the page gets only its own
 * language's messages as a prop (app/lib/locale-provider.tsx), the other loads on a switch.
 */
export async function requestLocale(): Promise<Locale> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return pickLocale(jar.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
}

export function messagesFor(locale: Locale): Messages {
  return locale === "zh" ? zh : en;
}
