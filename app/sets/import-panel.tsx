"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { ImportPreview } from "@/lib/contract/question-sets";
import { IMPORT_MAX_BYTES, type ImportIssue } from "@/lib/question-sets/issues";
import type { SetLanguage, Visibility } from "@/lib/question-sets/schema";
import { useI18n } from "../lib/i18n";
import { FormatHelp } from "./csv-help";
import { issueText } from "./issue-text";
import { importSet } from "./set-api";

// Spelled out, not imported from schema.ts: that would bring zod (~31 KB gzip) to the list page.
const SET_LANGUAGES = ["zh", "en", "both"] as const satisfies readonly SetLanguage[];
const VISIBILITIES = ["private", "unlisted", "public"] as const satisfies readonly Visibility[];

type Step =
  | { kind: "idle" }
  | { kind: "preview"; preview: ImportPreview }
  | { kind: "issues"; issues: ImportIssue[]; message: string };

/**
 * Import a JSON or CSV file: its size is checked before anything is sent, then the server checks
 * it without writing (dryRun) and the host sees what would be created or every bad row with its
 * line and reason. Only a clean preview can be imported; a bad row imports nothing.
 */
export function ImportPanel() {
  const { t, te } = useI18n();
  const router = useRouter();
  const ids = useId();
  const [file, setFile] = useState<{
    name: string;
    content: string;
    format: "json" | "csv";
  } | null>(null);
  const [title, setTitle] = useState({ en: "", zh: "" });
  const [language, setLanguage] = useState<SetLanguage>("both");
  // Private unless the importer says otherwise: a file's questions may be a test's answers.
  const [visibility, setVisibility] = useState<Visibility>("private");
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [busy, setBusy] = useState(false);

  const body = (dryRun: boolean) => {
    if (!file) throw new Error("no file");
    const meta =
      file.format === "csv"
        ? {
            title: Object.fromEntries(Object.entries(title).filter(([, v]) => v.trim() !== "")),
            language,
          }
        : undefined;
    return {
      format: file.format,
      content: file.content,
      visibility,
      dryRun,
      ...(meta ? { meta } : {}),
    };
  };

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    setStep({ kind: "idle" });
    setFile(null);
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setStep({
        kind: "issues",
        issues: [],
        message: t("sets.import.tooLarge", { mb: (IMPORT_MAX_BYTES / 1024 / 1024).toFixed(0) }),
      });
      input.value = "";
      return;
    }
    const format = chosen.name.toLowerCase().endsWith(".csv") ? "csv" : "json";
    setFile({ name: chosen.name, content: await chosen.text(), format });
  }

  async function check() {
    setBusy(true);
    const result = await importSet({ ...body(true), dryRun: true });
    setBusy(false);
    if (result.ok) setStep({ kind: "preview", preview: result.data });
    else setStep({ kind: "issues", issues: result.issues ?? [], message: te(result.error) });
  }

  async function run() {
    setBusy(true);
    const result = await importSet(body(false));
    setBusy(false);
    if (result.ok) router.push(`/sets/${result.data.id}`);
    else setStep({ kind: "issues", issues: result.issues ?? [], message: te(result.error) });
  }

  return (
    <section className="card set-import" aria-labelledby={`${ids}-h`} data-testid="import-panel">
      <h2 id={`${ids}-h`}>{t("sets.import.heading")}</h2>
      <p className="muted">
        {t("sets.import.lead", { mb: (IMPORT_MAX_BYTES / 1024 / 1024).toFixed(0) })}
      </p>
      <div className="field">
        <label htmlFor={`${ids}-file`}>{t("sets.import.file")}</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          data-testid="import-file"
          onChange={(e) => void choose(e.currentTarget)}
        />
      </div>
      {file?.format === "csv" && (
        <fieldset className="set-fieldset">
          <legend>{t("sets.import.csvMeta")}</legend>
          <div className="field-row">
            {(["en", "zh"] as const).map((lang) => (
              <div className="field" key={lang}>
                <label htmlFor={`${ids}-title-${lang}`}>
                  {t("sets.title")} ({t(lang === "en" ? "sets.lang.en" : "sets.lang.zh")})
                </label>
                <input
                  id={`${ids}-title-${lang}`}
                  value={title[lang]}
                  data-testid={`import-title-${lang}`}
                  onChange={(e) => setTitle({ ...title, [lang]: e.target.value })}
                />
              </div>
            ))}
            <div className="field">
              <label htmlFor={`${ids}-lang`}>{t("sets.language")}</label>
              <select
                id={`${ids}-lang`}
                value={language}
                data-testid="import-language"
                onChange={(e) => setLanguage(e.target.value as SetLanguage)}
              >
                {SET_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`sets.language.${l}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${ids}-visibility`}>{t("sets.import.visibility")}</label>
        <select
          id={`${ids}-visibility`}
          value={visibility}
          data-testid="import-visibility"
          onChange={(e) => {
            setVisibility(e.target.value as Visibility);
            // A preview names the visibility it was checked with: check again.
            setStep({ kind: "idle" });
          }}
        >
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`sets.visibility.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-ghost"
          data-testid="import-check"
          disabled={!file || busy}
          onClick={() => void check()}
        >
          {t("sets.import.check")}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="import-run"
          disabled={step.kind !== "preview" || busy}
          onClick={() => void run()}
        >
          {t("sets.import.run")}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {step.kind === "preview" && <PreviewSummary preview={step.preview} />}
      </div>
      {step.kind === "issues" && <IssueTable message={step.message} issues={step.issues} />}
      <FormatHelp />
    </section>
  );
}

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const { t, locale, tTopic } = useI18n();
  const text = (title: ImportPreview["title"]) => title[locale] ?? title.en ?? title.zh ?? "";
  return (
    <div className="set-import-preview" data-testid="import-preview">
      <p>{t("sets.import.willCreate", { title: text(preview.title), n: preview.questionCount })}</p>
      {preview.renamedFrom && (
        <p data-testid="import-renamed">
          {t("sets.import.renamed", {
            from: text(preview.renamedFrom),
            title: text(preview.title),
          })}
        </p>
      )}
      <p className="muted">
        {t("sets.import.visibleTo", { visibility: t(`sets.visibility.${preview.visibility}`) })}
      </p>
      <ul className="set-card-meta">
        {Object.entries(preview.byType).map(([type, n]) => (
          <li key={type} className="badge">
            {t(`sets.type.${type as "single"}`)}: {n}
          </li>
        ))}
      </ul>
      <p className="muted">
        {t("sets.import.topics", { topics: preview.topics.map(tTopic).join(", ") })}
      </p>
    </div>
  );
}

function IssueTable({ message, issues }: { message: string; issues: ImportIssue[] }) {
  const { t } = useI18n();
  return (
    <div className="set-import-issues" role="alert" data-testid="import-issues">
      <p className="error-message">{message}</p>
      {issues.length > 0 && (
        <div className="set-table-scroll">
          <table className="set-table">
            <thead>
              <tr>
                <th scope="col">{t("sets.import.row")}</th>
                <th scope="col">{t("sets.import.line")}</th>
                <th scope="col">{t("sets.import.field")}</th>
                <th scope="col">{t("sets.import.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue, i) => (
                <tr key={i}>
                  <td>{issue.row ?? "—"}</td>
                  <td>{issue.line ?? "—"}</td>
                  <td>
                    <code>{issue.field}</code>
                  </td>
                  <td>{issueText(t, issue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
