"use client";

import { useI18n } from "../lib/i18n";

/** The lab's four sections; on a phone one shows at a time (lab-phone.css), on a laptop all. */
export const LAB_TABS = ["build", "compress", "versions", "submit"] as const;
export type LabTab = (typeof LAB_TABS)[number];

/**
 * A phone's way through the lab: build, compress, versions, submit, one screen each instead of a
 * 3,500 px page. Buttons that say which is pressed (not ARIA tabs: on a laptop every section is
 * shown at once and the bar is hidden). Sticky, so the next step is always a thumb away.
 */
export function LabTabs({
  current,
  onChange,
  versions,
}: {
  current: LabTab;
  onChange: (tab: LabTab) => void;
  versions: number;
}) {
  const { t } = useI18n();
  return (
    <nav className="lab-tabs-bar" aria-label={t("lab.sections")} data-testid="lab-tabs">
      {LAB_TABS.map((tab) => (
        <button
          key={tab}
          type="button"
          className="button"
          aria-pressed={current === tab}
          aria-controls={`lab-section-${tab}`}
          data-testid={`lab-tab-${tab}`}
          onClick={() => onChange(tab)}
        >
          {t(`lab.tab.${tab}`)}
          {tab === "versions" && versions > 0 && <span className="badge">{versions}</span>}
        </button>
      ))}
    </nav>
  );
}
