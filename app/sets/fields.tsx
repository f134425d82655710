"use client";

import { createContext, useContext, useId, type ReactNode } from "react";
import type { SetLanguage } from "@/lib/question-sets/schema";
import { useI18n } from "../lib/i18n";
import type { FieldIssue, TextForm } from "./draft";
import { issueText } from "./issue-text";

/**
 * Labelled inputs that show the schema's issues for their own path, under the field, tied to it
 * with aria-describedby and aria-invalid. An issue shows once its field was left (blur) or after a
 * save was tried, not while the author is still typing a first value.
 */
export interface IssueState {
  issues: Map<string, FieldIssue[]>;
  visible: (path: string) => boolean;
  touch: (path: string) => void;
  readOnly: boolean;
}

export const IssueContext = createContext<IssueState>({
  issues: new Map(),
  visible: () => false,
  touch: () => undefined,
  readOnly: true,
});

/** `deep` also takes the issues of the field's parts (tags.2, accepted.0 of a one-box list). */
export function useFieldIssues(path: string, deep = false): string[] {
  const { t } = useI18n();
  const state = useContext(IssueContext);
  if (!state.visible(path)) return [];
  const found = [...(state.issues.get(path) ?? [])];
  if (deep)
    for (const [key, list] of state.issues) if (key.startsWith(`${path}.`)) found.push(...list);
  return found.map((issue) => issueText(t, issue));
}

export function IssueList({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="set-issue" data-testid="field-issue">
      {messages.join(" · ")}
    </span>
  );
}

interface InputProps {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  type?: "text" | "number";
  hint?: string;
  testId?: string;
  mono?: boolean;
  lang?: string;
  deep?: boolean;
}

export function Field(props: InputProps) {
  const { path, label, value, onChange, multiline, type, hint, testId, mono, lang } = props;
  const id = useId();
  const state = useContext(IssueContext);
  const messages = useFieldIssues(path, props.deep);
  const describedBy = [messages.length ? `${id}-issue` : "", hint ? `${id}-hint` : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    value,
    lang,
    readOnly: state.readOnly,
    "aria-invalid": messages.length > 0 ? true : undefined,
    "aria-describedby": describedBy || undefined,
    "data-testid": testId,
    "data-path": path,
    onBlur: () => state.touch(path),
  };
  return (
    <div className="field set-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          className={mono ? "set-code-input" : undefined}
          rows={mono ? 6 : 2}
          spellCheck={!mono}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          {...common}
          type={type ?? "text"}
          inputMode={type === "number" ? "decimal" : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      <IssueList id={`${id}-issue`} messages={messages} />
    </div>
  );
}

/** One input per language of the set's policy ("Prompt (English)", "Prompt (中文)"). */
export function TextFields({
  path,
  label,
  value,
  language,
  onChange,
  multiline,
  testId,
}: {
  path: string;
  label: string;
  value: TextForm;
  language: SetLanguage;
  onChange: (value: TextForm) => void;
  multiline?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const langs: ("en" | "zh")[] = language === "both" ? ["en", "zh"] : [language];
  return (
    <>
      {langs.map((lang) => (
        <Field
          key={lang}
          path={`${path}.${lang}`}
          label={`${label} (${t(lang === "en" ? "sets.lang.en" : "sets.lang.zh")})`}
          value={value[lang]}
          lang={lang === "zh" ? "zh-CN" : "en"}
          multiline={multiline}
          testId={testId ? `${testId}-${lang}` : undefined}
          onChange={(text) => onChange({ ...value, [lang]: text })}
        />
      ))}
    </>
  );
}

/** A group's own issues (e.g. "needs 2 to 6 options" on the options list). */
export function GroupIssues({ path }: { path: string }) {
  const messages = useFieldIssues(path);
  const id = useId();
  return <IssueList id={id} messages={messages} />;
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="set-fieldset">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
