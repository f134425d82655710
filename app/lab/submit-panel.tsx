"use client";

import type { PlayerCodingView } from "@/lib/contract/views";
import { MODEL_REJECTION_CODES, type ModelRejectionCode } from "@/lib/model/rejections";
import { formatKb } from "@/lib/model/size";
import { useI18n, type I18n } from "../lib/i18n";
import type { Submission } from "./use-submissions";
import { formatPercent, type LabVersion } from "./versions";

const isRejectionCode = (code: string): code is ModelRejectionCode =>
  (MODEL_REJECTION_CODES as readonly string[]).includes(code);

function rejectionText(rejection: { code: string; detail: string }, t: I18n["t"]): string {
  const reason = isRejectionCode(rejection.code) ? t(`reject.${rejection.code}`) : rejection.code;
  return rejection.detail ? `${reason} (${rejection.detail})` : reason;
}

function StatusLine({ submission }: { submission: Submission }) {
  const { t, te } = useI18n();
  const s = submission.status;
  switch (s.state) {
    case "uploading":
      return <>{t("lab.uploading")}</>;
    case "scoring":
      return <>{t("lab.scoring", { size: formatKb(s.sizeBytes) })}</>;
    case "scored":
      return (
        <>
          {t("lab.scored")}{" "}
          <strong data-testid="lab-public-accuracy">{formatPercent(s.publicAccuracy, 2)}</strong>{" "}
          <span className="muted">({formatKb(s.sizeBytes)})</span>
        </>
      );
    case "rejected":
      return (
        <span className="lab-error">
          {t("lab.rejected", { reason: rejectionText(s.rejection, t) })}
        </span>
      );
    case "refused":
      return <span className="lab-error">{te(s.error)}</span>;
  }
}

/** Local checks first (the server's own code), then upload, "scoring…", and the public score. */
export function SubmitPanel({
  version,
  coding,
  maxSubmissions,
  submissions,
  onSubmit,
}: {
  version: LabVersion | null;
  coding: PlayerCodingView | null;
  maxSubmissions: number;
  submissions: Submission[];
  onSubmit: (version: LabVersion) => void;
}) {
  const { t } = useI18n();
  const remaining = coding?.remaining ?? maxSubmissions;
  const busy = submissions.some((s) => s.status.state === "uploading");
  const blocked = !version || !version.check.ok || remaining <= 0 || busy;
  return (
    <div className="lab-submit" data-testid="lab-submit-panel">
      <p data-testid="lab-remaining">
        {t("lab.remaining", { n: remaining, max: maxSubmissions })}
        {coding?.best && (
          <span className="muted">
            {" "}
            ·{" "}
            {t("lab.bestSoFar", {
              accuracy: formatPercent(coding.best.accuracy, 2),
              size: formatKb(coding.best.sizeBytes),
            })}
          </span>
        )}
      </p>
      {version && !version.check.ok && (
        <p className="lab-error" role="alert" data-testid="lab-precheck">
          {t("lab.wouldBeRefused", { reason: rejectionText(version.check.rejection, t) })}
        </p>
      )}
      {remaining <= 0 && <p className="lab-error">{t("lab.noneLeft")}</p>}
      <button
        type="button"
        className="button button-primary button-large"
        data-testid="lab-submit"
        disabled={blocked}
        onClick={() => version && onSubmit(version)}
      >
        {version && version.sizeBytes !== null
          ? t("lab.submitVersion", {
              n: version.id,
              size: formatKb(version.sizeBytes),
              accuracy: formatPercent(version.validationAccuracy, 1),
            })
          : t("lab.submitNothing")}
      </button>
      {submissions.length > 0 && (
        <ul className="lab-submissions" aria-live="polite">
          {submissions.map((s) => (
            <li key={s.localId} data-testid="lab-submission" data-state={s.status.state}>
              {s.versionId !== null && `#${s.versionId}: `}
              <StatusLine submission={s} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
