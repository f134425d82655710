"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ErrorCode } from "@/lib/contract/errors";
import { useI18n } from "../lib/i18n";
import { newQuestion, toDraft, validateForm, type QuestionForm, type SetForm } from "./draft";
import { IssueContext, type IssueState } from "./fields";
import { QuestionEditor } from "./question-editor";
import { QuestionList } from "./question-list";
import { createSet, deleteSet, duplicateSet, exportUrl, updateSet } from "./set-api";
import { SetMetaFields } from "./set-meta-fields";
import { SetPreview } from "./set-preview";
import { useUnsavedGuard } from "./use-unsaved-guard";

export interface EditorSet {
  id: string | null;
  revision: number;
  canEdit: boolean;
  builtIn: boolean;
  /** Signed in: may duplicate a set it can see. */
  signedIn: boolean;
}

/**
 * Create, view or edit a set. Validation is the server's own schema run on every change; its
 * issues appear per field once the field was left or a save was tried. A reader who cannot edit
 * sees the same screen read-only, with "duplicate to edit".
 */
export function SetEditor({ initial, set }: { initial: SetForm; set: EditorSet }) {
  const { t, te, locale } = useI18n();
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(() => JSON.stringify(initial));
  const [revision, setRevision] = useState(set.revision);
  const [selected, setSelected] = useState(0);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const readOnly = !set.canEdit;
  const dirty = !readOnly && JSON.stringify(form) !== saved;
  useUnsavedGuard(dirty, t("sets.unsavedConfirm"));

  const issues = useMemo(() => validateForm(form), [form]);
  const issueState: IssueState = useMemo(() => {
    const byPath = new Map<string, typeof issues>();
    for (const issue of issues) byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue]);
    return {
      issues: byPath,
      readOnly,
      visible: (path) =>
        attempted || touched.has(path) || [...touched].some((p) => p.startsWith(`${path}.`)),
      touch: (path) => setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path))),
    };
  }, [issues, touched, attempted, readOnly]);

  const patch = (change: Partial<SetForm>) => setForm((prev) => ({ ...prev, ...change }));
  const patchQuestion = (index: number, change: Partial<QuestionForm>) =>
    setForm((prev) => ({
      ...prev,
      questions: prev.questions.map((q, i) => (i === index ? { ...q, ...change } : q)),
    }));
  const moveQuestion = (from: number, to: number) => {
    const questions = [...form.questions];
    const [q] = questions.splice(from, 1);
    if (q) questions.splice(to, 0, q);
    patch({ questions });
    // The open question follows its row.
    if (selected === from) setSelected(to);
    else if (selected === to) setSelected(from);
  };

  const fail = (code: ErrorCode) => setStatus({ kind: "error", text: te(code) });

  async function save() {
    setAttempted(true);
    if (issues.length > 0) {
      setStatus({ kind: "error", text: t("sets.fixIssues", { n: issues.length }) });
      const first = issues[0]?.path.match(/^questions\.(\d+)/);
      if (first) setSelected(Number(first[1]));
      return;
    }
    setBusy(true);
    setStatus(null);
    const draft = toDraft(form);
    const result = set.id
      ? await updateSet(set.id, { set: draft, visibility: form.visibility, revision })
      : await createSet({ set: draft, visibility: form.visibility });
    setBusy(false);
    if (!result.ok) return fail(result.error);
    setSaved(JSON.stringify(form));
    setRevision(result.data.revision);
    setStatus({ kind: "ok", text: t("sets.saved") });
    if (!set.id) {
      // Saved: the guard is off once `saved` matches, so this navigation asks nothing.
      router.replace(`/sets/${result.data.id}`);
    }
  }

  async function remove() {
    if (!set.id || !window.confirm(t("sets.deleteConfirm"))) return;
    setBusy(true);
    const result = await deleteSet(set.id);
    setBusy(false);
    if (!result.ok) return fail(result.error);
    setSaved(JSON.stringify(form));
    window.location.assign("/sets");
  }

  async function duplicate() {
    if (!set.id) return;
    setBusy(true);
    const result = await duplicateSet(set.id);
    setBusy(false);
    if (!result.ok) return fail(result.error);
    router.push(`/sets/${result.data.id}`);
  }

  const question = form.questions[selected];
  const questionHasIssues = (i: number) =>
    issues.some((issue) => issue.path.startsWith(`questions.${i}.`));
  // The reader's language first: a Chinese reader of a two-language set sees its Chinese title.
  const title = form.title[locale] || form.title.en || form.title.zh;

  return (
    <IssueContext.Provider value={issueState}>
      <main className="wide set-editor" data-testid="set-editor">
        <p>
          <Link href="/sets">{t("sets.backToList")}</Link>
        </p>
        <h1>{set.id ? title || t("sets.untitled") : t("sets.newTitle")}</h1>
        {readOnly && (
          <p className="banner" role="note">
            {t(set.builtIn ? "sets.builtInNote" : "sets.readOnlyNote")}
          </p>
        )}
        <div className="button-row set-actions">
          {!readOnly && (
            <button
              type="button"
              className="button button-primary"
              data-testid="set-save"
              disabled={busy}
              onClick={() => void save()}
            >
              {t(set.id ? "sets.save" : "sets.create")}
            </button>
          )}
          {set.id && set.signedIn && (
            <button
              type="button"
              className="button button-ghost"
              data-testid="set-duplicate"
              disabled={busy}
              onClick={() => void duplicate()}
            >
              {t(readOnly ? "sets.duplicateToEdit" : "sets.duplicate")}
            </button>
          )}
          {set.id && (
            <>
              <a
                className="button button-ghost"
                href={exportUrl(set.id, "json")}
                download
                data-testid="export-json"
              >
                {t("sets.exportJson")}
              </a>
              <a
                className="button button-ghost"
                href={exportUrl(set.id, "csv")}
                download
                data-testid="export-csv"
              >
                {t("sets.exportCsv")}
              </a>
            </>
          )}
          {set.id && !readOnly && (
            <button
              type="button"
              className="button button-ghost set-danger"
              data-testid="set-delete"
              disabled={busy}
              onClick={() => void remove()}
            >
              {t("sets.delete")}
            </button>
          )}
        </div>
        <p
          role="status"
          className={status?.kind === "error" ? "error-message" : "muted"}
          data-testid="set-status"
        >
          {status?.text ?? (dirty ? t("sets.unsaved") : "")}
        </p>
        <SetMetaFields form={form} onChange={patch} />
        <div className="set-workspace">
          <div className="set-work-main">
            <QuestionList
              questions={form.questions}
              selected={selected}
              hasIssues={questionHasIssues}
              onSelect={setSelected}
              onMove={moveQuestion}
              onRemove={(index) => {
                patch({ questions: form.questions.filter((_, i) => i !== index) });
                setSelected((s) => Math.max(0, Math.min(s, form.questions.length - 2)));
              }}
              onAdd={(type) => {
                const previous = form.questions[form.questions.length - 1];
                patch({ questions: [...form.questions, newQuestion(type, previous?.topic)] });
                setSelected(form.questions.length);
              }}
            />
            {question && (
              <QuestionEditor
                key={question.key}
                question={question}
                index={selected}
                language={form.language}
                onChange={(change) => patchQuestion(selected, change)}
              />
            )}
          </div>
          {question && (
            <SetPreview
              question={question}
              index={selected}
              total={form.questions.length}
              language={form.language}
            />
          )}
        </div>
      </main>
    </IssueContext.Provider>
  );
}
