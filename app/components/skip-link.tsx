"use client";

import { useI18n } from "../lib/i18n";

/** First focusable element: keyboard users jump past the header straight to the screen. */
export function SkipLink() {
  const { t } = useI18n();
  return (
    <a href="#content" className="skip-link">
      {t("skipToContent")}
    </a>
  );
}
