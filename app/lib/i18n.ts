import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from "react";
import type { ErrorCode } from "@/lib/contract/errors";
import type { Locale } from "@/lib/questions/locales";
import type { LocalizedText } from "@/lib/questions/schema";
import { isKnownTopic } from "@/lib/questions/topics";
import { htmlLang, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, parseLocale } from "./locale";
import type { MessageKey, Messages } from "./messages/en";
import { interpolate, translate, type TranslateParams } from "./translate";

/**
 * UI language: zh or en. The server decides it per request (app/lib/server-locale.ts: the switch's
 * cookie, else Accept-Language) and renders in it, handing this language's messages down through
 * LocaleContext, so the first paint is in the reader's language and hydration matches. A switch
 * writes the cookie, loads the other dictionary (its own chunk: only one language ships with the
 * page) and re-renders every screen through a tiny external store, question text included.
 */

export interface LocaleSeed {
  locale: Locale;
  messages: Messages;
}

export const LocaleContext = createContext<LocaleSeed | null>(null);

/** The old client-only choice; still written so other tabs follow a switch (storage events). */
export const LEGACY_STORAGE_KEY = "kba.lang";

// Client-only state: set by a switch, never on the server (where module state spans requests).
let current: Locale | null = null;
const loaded: Partial<Record<Locale, Messages>> = {};
const listeners = new Set<() => void>();

const loaders: Record<Locale, () => Promise<Messages>> = {
  en: () => import("./messages/en").then((m) => m.en),
  zh: () => import("./messages/zh").then((m) => m.zh),
};

async function switchTo(locale: Locale): Promise<void> {
  loaded[locale] ??= await loaders[locale]();
  current = locale;
  listeners.forEach((listener) => listener());
}

export function hasLocaleCookie(): boolean {
  return document.cookie.split(";").some((c) => c.trim().startsWith(`${LOCALE_COOKIE}=`));
}

/** Remembers the choice for the server (cookie) and the other tabs, then switches this page. */
export async function setLocale(locale: Locale): Promise<void> {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
  try {
    window.localStorage.setItem(LEGACY_STORAGE_KEY, locale);
  } catch {
    // Storage can be blocked (private mode, sandboxed frames): the cookie still carries it.
  }
  await switchTo(locale);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    const locale = event.key === LEGACY_STORAGE_KEY ? parseLocale(event.newValue) : null;
    if (locale) void switchTo(locale);
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export type { TranslateParams };

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => Promise<void>;
  /** A UI string, with `{name}` placeholders filled from params. */
  t: (key: MessageKey, params?: TranslateParams) => string;
  /** Question content (prompt, options, explanation) in the current language. */
  tx: (text: LocalizedText) => string;
  /** The message for a server error code. */
  te: (code: ErrorCode) => string;
  /** A player's name as shown: "Player 7" / "玩家 7" when the host hid their nickname. */
  tn: (player: { nickname: string; hiddenAs?: number }) => string;
  /**
   * A question's topic as shown: the bundled bank's eight (lib/questions/topics.ts) in this
   * language, any other tag (a host's own set) exactly as its author wrote it.
   */
  tTopic: (topic: string) => string;
}

export function useI18n(): I18n {
  const seed = useContext(LocaleContext);
  if (!seed) throw new Error("useI18n needs the LocaleProvider of app/layout.tsx");
  const locale = useSyncExternalStore(
    subscribe,
    () => current ?? seed.locale,
    () => seed.locale,
  );
  const dictionary = locale === seed.locale ? seed.messages : (loaded[locale] ?? seed.messages);

  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
  }, [locale]);

  const t = useCallback(
    (key: MessageKey, params?: TranslateParams) => translate(dictionary, key, params),
    [dictionary],
  );
  const tx = useCallback((text: LocalizedText) => text[locale], [locale]);
  const te = useCallback((code: ErrorCode) => dictionary.errors[code], [dictionary]);
  const tn = useCallback(
    (player: { nickname: string; hiddenAs?: number }) =>
      player.hiddenAs === undefined
        ? player.nickname
        : interpolate(dictionary.ui["player.hiddenName"], { n: player.hiddenAs }),
    [dictionary],
  );
  const tTopic = useCallback(
    (topic: string) => (isKnownTopic(topic) ? translate(dictionary, `topic.${topic}`) : topic),
    [dictionary],
  );
  return { locale, setLocale, t, tx, te, tn, tTopic };
}

export type { MessageKey };
