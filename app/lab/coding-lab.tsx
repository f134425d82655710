"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { PlayerView, PublicQuestion } from "@/lib/contract/views";
import { formatKb } from "@/lib/model/size";
import { shrinkMaxBytes } from "@/lib/model/scoring";
import { CodingTimeLeft } from "../components/coding-time-left";
import { useI18n } from "../lib/i18n";
import { reasonOf, type LabReason } from "../workers/protocol";
import { fetchBaseline } from "./baseline";
import type {
  BackendChoice,
  GuidedSpec,
  JobResult,
  LabJob,
  TrainSettings,
} from "../workers/protocol";
import { CodeEditor, STARTER_CODE, type CodeEditorHandle } from "./code-editor";
import { CompressionPanel, type CompressionRequest } from "./compression-panel";
import { GuidedForm } from "./guided-form";
import { plan, PRESETS } from "./guided-spec";
import { BackendStatus, DataStatus } from "./lab-header";
import { SubmitPanel } from "./submit-panel";
import { findSyntaxProblem, syntaxErrorText } from "./syntax-check";
import {
  loadTrainingData,
  TrainingDataRefused,
  type Progress,
  type TrainingData,
} from "./training-data";
import { TrainingPanel } from "./training-panel";
import { TrainSettingsFields } from "./train-settings";
import { LabJobError, useLabWorker, validationSize } from "./use-lab-worker";
import { useSubmissions } from "./use-submissions";
import { formatPercent, makeVersion, type LabVersion, type VersionKind } from "./versions";
import { VersionsPanel } from "./versions-panel";
import { LaptopHint } from "../components/laptop-hint";
import { LabTabs, type LabTab } from "./lab-tabs";
import { useSavedVersions } from "./use-saved-versions";
import "./lab.css";
import "./lab-panels.css";
import "./lab-phone.css";

/**
 * The training lab of a coding round: download the training split, build and train a model in a
 * Web Worker (guided or code mode), compress it, compare every version on size and held-out
 * accuracy, and submit one. Loaded with next/dynamic only on coding rounds, so neither TF.js
 * (worker-only) nor CodeMirror nor this code reaches the quiz screens.
 */

type CodingQuestion = Extract<PublicQuestion, { type: "coding" }>;

type BaselineState =
  | { status: "loading" }
  | { status: "ready"; version: LabVersion }
  | { status: "failed"; reason: string };

export default function CodingLab({
  code,
  question,
  me,
  deadline,
  afterSubmit,
}: {
  code: string;
  question: CodingQuestion;
  me: PlayerView;
  deadline: number | null;
  /** Shown under the submit panel (a self-paced attempt's "close the round"). */
  afterSubmit?: ReactNode;
}) {
  const { t, te } = useI18n();
  const budget = question.coding.trainingBudget;
  const [data, setData] = useState<TrainingData | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [dataError, setDataError] = useState<LabReason | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [backendChoice, setBackendChoice] = useState<BackendChoice>("auto");
  const worker = useLabWorker(data, budget, backendChoice);
  const [mode, setMode] = useState<"guided" | "code">("guided");
  const [spec, setSpec] = useState<GuidedSpec>(PRESETS.mlp);
  const usable = Math.min(budget, data?.count ?? budget);
  const held = validationSize(usable);
  const maxTrain = usable - held;
  const [settings, setSettings] = useState<TrainSettings>({
    epochs: 2,
    batchSize: 64,
    learningRate: 0.005,
    schedule: "step",
    trainCount: Math.min(20_000, maxTrain),
  });
  const [userCode, setUserCode] = useState(STARTER_CODE);
  const [jobError, setJobError] = useState<{ message: string; line: number | null } | null>(null);
  const { versions, selectedId, setSelectedId, add, restored } = useSavedVersions(
    `${code}/${me.playerId}/${question.index}`,
  );
  const editor = useRef<CodeEditorHandle>(null);
  const { submissions, submit } = useSubmissions(code, question.index);
  const baselineUrl =
    question.coding.variant === "shrink" ? (question.coding.baselineUrl ?? null) : null;
  const [baselineFailure, setBaselineFailure] = useState<LabReason | null>(null);
  // Phones show one section at a time (lab-tabs.tsx); a laptop shows them all and ignores this.
  const [tab, setTab] = useState<LabTab>("build");
  const grid = useRef<HTMLDivElement>(null);
  const showTab = (next: LabTab) => {
    setTab(next);
    // The bar is sticky: bring the new section's top up under it, not the old scroll depth.
    if (grid.current && grid.current.getBoundingClientRect().top < 0)
      grid.current.scrollIntoView({ block: "start" });
  };
  const section = (id: LabTab) => ({
    id: `lab-section-${id}`,
    className: `card lab-card${tab === id ? " is-current" : ""}`,
    "data-lab-tab": id,
  });

  useEffect(() => {
    let live = true;
    const load = loadTrainingData(code, question.index, setProgress);
    load.data.then(
      (d) => live && setData(d),
      (e: unknown) =>
        live &&
        setDataError(
          e instanceof TrainingDataRefused
            ? { key: "reason.other", params: { message: te(e.code) } }
            : reasonOf(e),
        ),
    );
    return () => {
      live = false;
      load.unsubscribe();
    };
  }, [attempt, code, question.index, te]);

  const effective: TrainSettings = {
    ...settings,
    trainCount: Math.min(settings.trainCount, maxTrain),
  };
  const busy = worker.busy || !worker.ready;
  const selected = versions.find((v) => v.id === selectedId) ?? null;

  const runJob = useCallback(
    async (job: LabJob, kind: VersionKind, detail: string, parentId: number | null) => {
      setJobError(null);
      let result: JobResult;
      try {
        result = await worker.start(job);
      } catch (e) {
        const error = e instanceof LabJobError ? e : new LabJobError(reasonOf(e), null);
        setJobError({
          message: error.stopped
            ? t("lab.workerRestarted")
            : t(error.reason.key, error.reason.params),
          line: error.line,
        });
        if (error.line !== null) editor.current?.goToLine(error.line);
        return;
      }
      add((id) => makeVersion(id, kind, detail, parentId, result));
    },
    [worker, t, add],
  );

  // "Shrink" rounds start from the server's baseline: once the worker is up, download it and
  // measure it on the held-out images like any other version, so it can be compressed at once.
  const startJob = worker.start;
  const loadBaseline = useCallback(
    (url: string) =>
      fetchBaseline(url)
        .then((artifact) => startJob({ type: "measure", from: artifact }))
        .then(
          (result) => add((id) => makeVersion(id, "baseline", "", null, result)),
          (e: unknown) => setBaselineFailure(reasonOf(e)),
        ),
    [startJob, add],
  );

  const baselineVersion = versions.find((v) => v.kind === "baseline") ?? null;
  const baseline: BaselineState = baselineVersion
    ? { status: "ready", version: baselineVersion }
    : baselineFailure !== null
      ? { status: "failed", reason: t(baselineFailure.key, baselineFailure.params) }
      : { status: "loading" };
  const baselineRequested = useRef(false);
  useEffect(() => {
    // After the saved versions are back: a reload must not measure the baseline a second time.
    if (!baselineUrl || !restored || !worker.ready || worker.busy) return;
    if (baselineRequested.current) return;
    baselineRequested.current = true;
    if (!baselineVersion) void loadBaseline(baselineUrl);
  }, [baselineUrl, restored, worker.ready, worker.busy, baselineVersion, loadBaseline]);

  const train = () => {
    if (mode === "code") {
      const problem = findSyntaxProblem(userCode);
      if (problem) {
        setJobError({ message: syntaxErrorText(problem, t), line: problem.line });
        if (problem.line !== null) editor.current?.goToLine(problem.line);
        return;
      }
      void runJob(
        { type: "train", source: { kind: "code", code: userCode }, settings: effective },
        "code",
        "",
        null,
      );
      return;
    }
    void runJob(
      { type: "train", source: { kind: "guided", spec }, settings: effective },
      "trained",
      "",
      null,
    );
  };

  const compress = ({ job, detail }: CompressionRequest) => {
    const kind: VersionKind =
      job.type === "quantize" ? "quantized" : job.type === "prune" ? "pruned" : "distilled";
    void runJob(job, kind, detail, selectedId);
  };

  // In a "shrink" round the line to stay above is the baseline's own accuracy minus the margin.
  const floor =
    baseline.status === "ready"
      ? Math.max(0, baseline.version.validationAccuracy - question.coding.maxAccuracyDrop)
      : question.coding.accuracyFloor;

  return (
    <section className="lab" data-testid="lab" aria-label={t("lab.title")}>
      <header className="lab-header card">
        <LaptopHint />
        <div className="lab-title-row">
          <h2>{t("lab.title")}</h2>
          {deadline !== null && (
            <p className="lab-clock">
              {t("codingHost.timeLeft")} <CodingTimeLeft deadline={deadline} />
            </p>
          )}
        </div>
        <DataStatus
          data={data}
          progress={progress}
          error={dataError && t(dataError.key, dataError.params)}
          budget={budget}
          trainable={maxTrain}
          held={held}
          onRetry={() => {
            setDataError(null);
            setAttempt((a) => a + 1);
          }}
        />
        <BackendStatus
          info={worker.info}
          failure={worker.failure}
          choice={backendChoice}
          onChoice={setBackendChoice}
          disabled={worker.busy}
        />
        {baselineUrl && (
          <ShrinkStatus
            state={baseline}
            target={floor}
            onRetry={() => {
              setBaselineFailure(null);
              void loadBaseline(baselineUrl);
            }}
            retryDisabled={busy}
          />
        )}
      </header>

      <LabTabs current={tab} onChange={showTab} versions={versions.length} />
      <div className="lab-grid" ref={grid}>
        <div className="lab-col">
          <section {...section("build")} aria-labelledby="lab-build">
            <div className="lab-card-head">
              <h3 id="lab-build">{t("lab.build")}</h3>
              <div className="lab-tabs" role="group" aria-label={t("lab.mode")}>
                <button
                  type="button"
                  className="button"
                  aria-pressed={mode === "guided"}
                  data-testid="lab-mode-guided"
                  onClick={() => setMode("guided")}
                >
                  {t("lab.guided")}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-pressed={mode === "code"}
                  data-testid="lab-mode-code"
                  onClick={() => setMode("code")}
                >
                  {t("lab.code")}
                </button>
              </div>
            </div>
            {mode === "guided" ? (
              <GuidedForm spec={spec} onChange={setSpec} disabled={worker.busy} />
            ) : (
              <CodeEditor
                ref={editor}
                initial={userCode}
                onChange={setUserCode}
                label={t("lab.codeLabel")}
              />
            )}
            <TrainSettingsFields
              settings={effective}
              onChange={setSettings}
              maxTrain={maxTrain}
              disabled={worker.busy}
              withLoop={mode === "guided"}
            />
            {jobError && (
              <p className="lab-error" role="alert" data-testid="lab-job-error">
                {jobError.line !== null && (
                  <button
                    type="button"
                    className="button-link"
                    onClick={() => editor.current?.goToLine(jobError.line!)}
                  >
                    {t("lab.line", { n: jobError.line })}
                  </button>
                )}{" "}
                {jobError.message}
              </p>
            )}
            <button
              type="button"
              className="button button-primary"
              data-testid="lab-train"
              disabled={busy || (mode === "guided" && !plan(spec).ok)}
              onClick={train}
            >
              {t("lab.train")}
            </button>
            <TrainingPanel
              run={worker.run}
              onStop={worker.stop}
              logs={mode === "code" ? worker.logs : []}
            />
          </section>

          <section {...section("compress")} aria-labelledby="lab-compress-title">
            <h3 id="lab-compress-title">{t("lab.compress")}</h3>
            <CompressionPanel
              source={selected}
              disabled={busy}
              onRun={compress}
              makeSettings={(epochs) => ({ ...effective, epochs })}
            />
          </section>
        </div>

        <div className="lab-col">
          <section {...section("versions")} aria-labelledby="lab-versions-title">
            <h3 id="lab-versions-title">{t("lab.versions")}</h3>
            <VersionsPanel
              versions={versions}
              selectedId={selectedId}
              onSelect={setSelectedId}
              floor={floor}
            />
          </section>
          <section {...section("submit")} aria-labelledby="lab-submit-title">
            <h3 id="lab-submit-title">{t("lab.submit")}</h3>
            <SubmitPanel
              version={selected}
              coding={me.coding}
              maxSubmissions={question.coding.maxSubmissions}
              submissions={submissions}
              onSubmit={(v) => void submit(v.id, v.artifact)}
            />
            {afterSubmit}
          </section>
        </div>
      </div>
    </section>
  );
}

/** The "shrink" round's starting point and goal, worded from the measured baseline version. */
function ShrinkStatus({
  state,
  target,
  onRetry,
  retryDisabled,
}: {
  state: BaselineState;
  /** Held-out accuracy to stay at or above: the baseline's minus the round's margin. */
  target: number;
  onRetry: () => void;
  retryDisabled: boolean;
}) {
  const { t } = useI18n();
  switch (state.status) {
    case "loading":
      return (
        <p className="muted" role="status" data-testid="lab-shrink" data-state="loading">
          {t("lab.shrinkLoading")}
        </p>
      );
    case "failed":
      return (
        <p className="lab-error" role="alert" data-testid="lab-shrink" data-state="failed">
          {t("lab.shrinkFailed", { reason: state.reason })}{" "}
          <button type="button" className="button" onClick={onRetry} disabled={retryDisabled}>
            {t("retry")}
          </button>
        </p>
      );
    case "ready": {
      const v = state.version;
      return (
        <p data-testid="lab-shrink" data-state="ready">
          {t("lab.shrinkTarget", {
            n: v.id,
            size: v.sizeBytes === null ? "—" : formatKb(v.sizeBytes),
            accuracy: formatPercent(v.validationAccuracy, 2),
            // The server's cap, by the same rule (lib/model/scoring.ts) on the same size.
            half: v.sizeBytes === null ? "—" : formatKb(shrinkMaxBytes(v.sizeBytes)),
            target: formatPercent(target, 2),
          })}
        </p>
      );
    }
  }
}
