"use client";

import { useEffect, type ReactNode } from "react";
import { parseLocale } from "./locale";
import {
  hasLocaleCookie,
  LEGACY_STORAGE_KEY,
  LocaleContext,
  setLocale,
  type LocaleSeed,
} from "./i18n";

/**
 * Hands the server's choice of language and its messages to every client component. A visitor
 * who picked a language before the choice moved to a cookie (it lived in localStorage) keeps it:
 * it is copied into the cookie once, so from the next page on the server renders it too.
 */
export function LocaleProvider({ seed, children }: { seed: LocaleSeed; children: ReactNode }) {
  useEffect(() => {
    if (hasLocaleCookie()) return;
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(LEGACY_STORAGE_KEY);
    } catch {
      return;
    }
    const locale = parseLocale(stored);
    if (locale) void setLocale(locale);
  }, []);
  return <LocaleContext.Provider value={seed}>{children}</LocaleContext.Provider>;
}
