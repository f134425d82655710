"use client";

import { useI18n } from "../lib/i18n";

/**
 * Shown on narrow screens only (CSS) when a coding round starts: the round works on a phone, but
 * a laptop trains faster and has room for code, so players hear it before they start.
 */
export function LaptopHint() {
  const { t } = useI18n();
  return (
    <p className="banner banner-warning laptop-hint" role="note" data-testid="laptop-hint">
      {t("lab.laptopHint")}
    </p>
  );
}
