"use client";

import { useRouter } from "next/navigation";
import { LOCALES, type Locale } from "@/lib/questions/locales";
import { useI18n } from "../lib/i18n";
import { htmlLang } from "../lib/locale";

/** Each language is named in itself, so someone who cannot read the current one finds theirs. */
const NATIVE_NAMES: Record<Locale, string> = { zh: "中文", en: "English" };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const router = useRouter();
  return (
    <label className="lang-switch">
      <span className="sr-only">{t("language")}</span>
      <select
        data-testid="lang-switch"
        value={locale}
        onChange={(event) => {
          // The screen switches at once; the refresh re-renders what the server words (titles).
          void setLocale(event.target.value as Locale).then(() => router.refresh());
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={htmlLang(l)}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
