"use client";

import dynamic from "next/dynamic";
import { formatKb } from "@/lib/model/size";
import { useI18n } from "../lib/i18n";
import { BACKEND_LABEL } from "./lab-header";
import { formatPercent, type LabVersion } from "./versions";
import "../compact-tables.css";

const ParetoChart = dynamic(() => import("../components/coding-pareto-chart"), {
  ssr: false,
  loading: () => <div className="chart-placeholder" />,
});

/** Every version with its size (the server's rule) and held-out accuracy; pick one to submit. */
export function VersionsPanel({
  versions,
  selectedId,
  onSelect,
  floor,
}: {
  versions: LabVersion[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  floor: number;
}) {
  const { t } = useI18n();
  if (versions.length === 0) return <p className="muted">{t("lab.noVersions")}</p>;
  const measured = versions.filter((v) => v.sizeBytes !== null);
  return (
    <div className="lab-versions">
      {measured.length > 0 && (
        <ParetoChart
          height={220}
          floor={floor}
          points={measured.map((v) => ({
            id: String(v.id),
            label: `#${v.id}`,
            bytes: v.sizeBytes!,
            accuracy: v.validationAccuracy,
            selected: v.id === selectedId,
          }))}
        />
      )}
      <div className="table-scroll">
        <table className="lab-table compact-table" data-testid="lab-versions">
          <thead>
            <tr>
              <th scope="col">{t("lab.pick")}</th>
              <th scope="col" className="wide-only">
                #
              </th>
              <th scope="col">{t("lab.version")}</th>
              <th scope="col">{t("lab.validation")}</th>
              <th scope="col">{t("lab.size")}</th>
              <th scope="col" className="wide-only">
                {t("lab.perKb")}
              </th>
              <th scope="col" className="wide-only">
                {t("lab.zeros")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr
                key={v.id}
                data-testid="lab-version"
                data-version-id={v.id}
                className={v.id === selectedId ? "is-selected" : undefined}
              >
                <td>
                  <input
                    type="radio"
                    name="lab-version"
                    checked={v.id === selectedId}
                    onChange={() => onSelect(v.id)}
                    aria-label={t("lab.pickVersion", { n: v.id })}
                    data-testid="lab-version-select"
                  />
                </td>
                <td className="wide-only">{v.id}</td>
                <td>
                  {/* On a phone the #, per-KB and zeros columns give way: they go in here. */}
                  <strong className="phone-only">#{v.id} </strong>
                  {t(`lab.kind.${v.kind}`)}{" "}
                  <span className="muted">
                    {/* Worded here, not when stored, so a language switch rewords old rows too. */}
                    {v.kind === "trained" || v.kind === "code" || v.kind === "baseline"
                      ? t("lab.parameters", { n: v.parameters.toLocaleString() })
                      : v.detail}
                  </span>
                  {v.parentId !== null && <span className="muted"> ← #{v.parentId}</span>}
                  {v.stopped && <span className="muted"> ({t("lab.stopped")})</span>}
                  {v.samplesPerSec > 0 && (
                    <span
                      className="muted"
                      data-testid="lab-version-speed"
                      data-rate={Math.round(v.samplesPerSec)}
                    >
                      {" "}
                      ·{" "}
                      {t("lab.speed", {
                        backend: BACKEND_LABEL[v.backend],
                        rate: Math.round(v.samplesPerSec).toLocaleString(),
                      })}
                    </span>
                  )}
                  {!v.check.ok && (
                    <span className="lab-refused" title={v.check.rejection.detail}>
                      {" "}
                      ⚠ {t(`reject.${v.check.rejection.code}`)}
                    </span>
                  )}
                  <span className="cell-sub phone-only muted">
                    {v.accuracyPerKb === null ? "—" : (v.accuracyPerKb * 100).toFixed(1)}{" "}
                    {t("lab.perKb")} · {formatPercent(v.sparsity, 0)} {t("lab.zeros")}
                  </span>
                </td>
                <td data-testid="lab-version-accuracy">{formatPercent(v.validationAccuracy, 2)}</td>
                <td data-testid="lab-version-size">
                  {v.sizeBytes === null ? "—" : formatKb(v.sizeBytes)}
                </td>
                <td className="wide-only">
                  {v.accuracyPerKb === null ? "—" : (v.accuracyPerKb * 100).toFixed(1)}
                </td>
                <td className="wide-only">{formatPercent(v.sparsity, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted lab-footnote">{t("lab.sizeRule")}</p>
    </div>
  );
}
