"use client";

import { LOCALES, type Locale } from "@/lib/questions/schema";
import { useI18n } from "../lib/i18n";

/** Each language is named in itself, so someone who cannot read the current one finds theirs. */
const NATIVE_NAMES: Record<Locale, string> = { zh: "中文", en: "English" };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="sr-only">{t("language")}</span>
      <select
        data-testid="lang-switch"
        value={locale}
        onChange={(event) => setLocale(event.target.value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l === "zh" ? "zh-CN" : "en"}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
