import { useCallback, useEffect, useSyncExternalStore } from "react";
import type { ErrorCode } from "@/lib/contract/errors";
import type { Locale, LocalizedText } from "@/lib/questions/schema";
import { en, type MessageKey } from "./messages/en";
import { zh } from "./messages/zh";

/**
 * UI language: zh or en, remembered in localStorage, first guessed from navigator.language.
 * Kept in a tiny external store (not React state) so every component reads the same value and
 * a switch in the header re-renders the whole screen, including question text.
 */

const STORAGE_KEY = "kba.lang";
const dictionaries = { en, zh } as const;

let current: Locale | null = null;
const listeners = new Set<() => void>();

function detect(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === "zh" || stored === "en") return stored;
  } catch {
    // Storage can be blocked (private mode, sandboxed frames): fall through to the browser.
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

function getSnapshot(): Locale {
  current ??= detect();
  return current;
}

// The server cannot know the visitor's choice, so it renders English; React re-renders with the
// stored language right after hydration without a mismatch (useSyncExternalStore semantics).
function getServerSnapshot(): Locale {
  return "en";
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    current = null;
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but still switched for this page.
  }
  listeners.forEach((listener) => listener());
}

export type TranslateParams = Record<string, string | number>;

function interpolate(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** A UI string, with `{name}` placeholders filled from params. */
  t: (key: MessageKey, params?: TranslateParams) => string;
  /** Question content (prompt, options, explanation) in the current language. */
  tx: (text: LocalizedText) => string;
  /** The message for a server error code. */
  te: (code: ErrorCode) => string;
  /** A player's name as shown: "Player 7" / "玩家 7" when the host hid their nickname. */
  tn: (player: { nickname: string; hiddenAs?: number }) => string;
}

export function useI18n(): I18n {
  const locale = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const dictionary = dictionaries[locale];

  useEffect(() => {
    document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
  }, [locale]);

  const t = useCallback(
    (key: MessageKey, params?: TranslateParams) => interpolate(dictionary.ui[key], params),
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
  return { locale, setLocale, t, tx, te, tn };
}

export type { MessageKey };
