"use client";

import { useContext, useId } from "react";
import {
  SET_LANGUAGES,
  VISIBILITIES,
  type SetLanguage,
  type Visibility,
} from "@/lib/question-sets/schema";
import { useI18n } from "../lib/i18n";
import type { SetForm } from "./draft";
import { Field, Fieldset, IssueContext, TextFields } from "./fields";

/** The set's own fields: title, description, language policy, tags, visibility, source. */
export function SetMetaFields({
  form,
  onChange,
}: {
  form: SetForm;
  onChange: (patch: Partial<SetForm>) => void;
}) {
  const { t } = useI18n();
  const { readOnly } = useContext(IssueContext);
  const languageId = useId();
  const visibilityId = useId();
  return (
    <Fieldset legend={t("sets.about")}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={languageId}>{t("sets.language")}</label>
          <select
            id={languageId}
            value={form.language}
            disabled={readOnly}
            data-testid="set-language"
            onChange={(e) => onChange({ language: e.target.value as SetLanguage })}
          >
            {SET_LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {t(`sets.language.${lang}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={visibilityId}>{t("sets.visibility")}</label>
          <select
            id={visibilityId}
            value={form.visibility}
            disabled={readOnly}
            data-testid="set-visibility"
            aria-describedby={`${visibilityId}-hint`}
            onChange={(e) => onChange({ visibility: e.target.value as Visibility })}
          >
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {t(`sets.visibility.${v}`)}
              </option>
            ))}
          </select>
          <span id={`${visibilityId}-hint`} className="field-hint">
            {t(`sets.visibilityHint.${form.visibility}`)}
          </span>
        </div>
      </div>
      <TextFields
        path="title"
        label={t("sets.title")}
        value={form.title}
        language={form.language}
        testId="set-title"
        onChange={(title) => onChange({ title })}
      />
      <TextFields
        path="description"
        label={t("sets.description")}
        value={form.description}
        language={form.language}
        multiline
        testId="set-description"
        onChange={(description) => onChange({ description })}
      />
      <Field
        path="tags"
        label={t("sets.tags")}
        hint={t("sets.tagsHint")}
        value={form.tags}
        deep
        testId="set-tags"
        onChange={(tags) => onChange({ tags })}
      />
      <Field
        path="source"
        label={t("sets.source")}
        value={form.source}
        testId="set-source"
        onChange={(source) => onChange({ source })}
      />
    </Fieldset>
  );
}
